# Sourced by scripts/qemu-event-goldens.sh and scripts/bench-watch.sh: the domain XML of the event
# scenarios (Tests/VirtQEMUTests/Fixtures/events/README.md), written once for both.
#
#   event_guest_xml FILE NAME KERNEL INITRD SERIAL ON_POWEROFF ON_REBOOT ON_CRASH [EXTRA]
#       the test guest (scripts/build-guest.sh), 128 MiB, one vCPU, TCG, its serial console in SERIAL,
#       a virtio balloon and an ISA pvpanic; EXTRA is appended to the kernel command line
#       (e.g. swiftvirt.after=1:poweroff).
#   sync_domain_xml FILE
#       swv-sync, the domain a barrier defines and undefines (no kernel, no devices but the emulator).

event_guest_xml() {
    local cmdline="console=ttyS0 quiet${9:+ $9}"
    cat >"$1" <<XML
<domain type='qemu'>
  <name>$2</name>
  <memory unit='KiB'>131072</memory>
  <currentMemory unit='KiB'>131072</currentMemory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$3</kernel>
    <initrd>$4</initrd>
    <cmdline>$cmdline</cmdline>
  </os>
  <features>
    <acpi/>
  </features>
  <on_poweroff>$6</on_poweroff>
  <on_reboot>$7</on_reboot>
  <on_crash>$8</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='file'>
      <source path='$5'/>
    </serial>
    <memballoon model='virtio'/>
    <panic model='isa'/>
  </devices>
</domain>
XML
}

sync_domain_xml() {
    cat >"$1" <<XML
<domain type='qemu'>
  <name>swv-sync</name>
  <memory unit='KiB'>131072</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>
XML
}
