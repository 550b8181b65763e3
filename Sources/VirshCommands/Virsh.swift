public enum Virsh {}
