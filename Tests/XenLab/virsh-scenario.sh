# shellcheck shell=bash
# The virsh phase of Tests/XenLab/test.sh: our virsh on a persistent PV guest and a transient PVH guest,
# with xl (the hypervisor's own toolstack) checking what each command did.

# The front end: V (a virsh) and P (the prefix of its results). Our virsh by default; the virtd phase and the
# libvirt recording set them for Debian's virsh.
V="$XENLAB_SCRATCH/bin/virsh"
P=virsh

# Guest vCPUs must never share dom0's pCPU 0 (docs/xen-lab.md): the PVH guest is pinned by its XML, the PV
# guest is started paused and pinned with vcpupin before it runs.
domstate_is() { [ "$("$V" domstate "$1" 2>/dev/null | head -n 1)" = "$2" ]; }
xl_paused() { [[ "$(xenlab_state "$1")" == *p* ]]; }
memory_is() { [ "$(xenlab_memory "$1")" = "$2" ]; }
ticks_after() { [ "$(xenlab_last_tick "$1")" -gt "$2" ]; }
ready_above() { [ "$(grep -ac XENLAB-GUEST-READY "$(xenlab_console "$1")")" -gt "$2" ]; }
hard_affinity() { xl vcpu-list "$1" | awk -v v="$2" '$3 == v { print $(NF - 2) }'; }
# dommemstat as libvirt's libxl driver answers it: the balloon's size as Xen has it (xl list's MiB), then
# the definition's total memory (dominfo's maximum).
memstat_is() {
    local stats max
    stats=$("$V" dommemstat "$1") || return 1
    max=$("$V" dominfo "$1" | awk '/^Max memory:/ { print $3 }')
    [ "$(echo "$stats" | awk 'NR == 1 && $1 == "actual" { print int($2 / 1024) }')" = "$2" ] &&
        [ "$(echo "$stats" | sed -n 2p)" = "available $max" ] && [ "$(echo "$stats" | grep -c .)" = 2 ]
}

# A subscriber in another process (`virsh event --all --loop`) sees every domain's events, made by this
# script's virsh calls and by the watcher, as libvirt 9.0's libxl driver emits them for the same steps:
# goldens/virsh-events.txt, recorded from libvirtd 9.0 on this lab by scripts/xen-event-goldens.sh.
EVENTS_PID=
events_follow() {
    "$V" event --all --loop >"$XENLAB_LOGS/virsh-events.txt" 2>&1 &
    EVENTS_PID=$!
    sleep "${EVENTS_SETTLE:-1}"  # subscribed: it follows the host's event log from its end at the time it subscribes
}
# The golden, with the one difference SwiftVirt keeps on purpose (docs/DESIGN.md): libvirt queues the STOPPED
# of a guest that restarted itself after the STARTED of its restart; here they come in the order they happened.
# (A STARTED for a domain already started is such a restart, and its STOPPED is the next event.)
events_expected() {
    awk '
        match($0, /for domain .*: /) { dom = substr($0, RSTART, RLENGTH); what = substr($0, RSTART + RLENGTH) }
        held != "" && index($0, heldDom) && what ~ /^Stopped / { print; print held; held = ""; up[dom] = 1; next }
        held != "" { print held; held = "" }
        what ~ /^Started / && up[dom] { held = $0; heldDom = dom; next }
        { print; up[dom] = (what ~ /^(Started|Resumed|Suspended) /) }
        END { if (held != "") print held }
    ' "$XENLAB_SHARE/goldens/virsh-events.txt"
}
events_check() {
    sleep 1
    kill "$EVENTS_PID" 2>/dev/null || true
    wait "$EVENTS_PID" 2>/dev/null || true
    local got
    got=$(grep -a '^event ' "$XENLAB_LOGS/virsh-events.txt" || true)
    xenlab_check $P.events "$(diff <(events_expected) <(echo "$got") | grep '^[<>]' | head -n 6 | tr '\n' ' ')" \
        test "$got" = "$(events_expected)"
}

virsh_scenario() {
    local dom=vs-pv before after
    events_follow
    xenlab_guest_xml "$dom" xen >"$XENLAB_SCRATCH/$dom.xml"
    xenlab_op $P.define "$V" define "$XENLAB_SCRATCH/$dom.xml"
    xenlab_check $P.list-all "" bash -c "'$V' list --all | grep -Eq '^ 0 +Domain-0 +running' && '$V' list --all | grep -Eq '^ - +$dom +shut off'"
    xenlab_op $P.start-paused "$V" start --paused "$dom"
    before="$(hard_affinity "$dom" 0)/$(hard_affinity "$dom" 1)"
    xenlab_op $P.vcpupin "$V" vcpupin "$dom" 0 1
    xenlab_op $P.vcpupin-1 "$V" vcpupin "$dom" 1 1
    after="$(hard_affinity "$dom" 0)/$(hard_affinity "$dom" 1)"
    xenlab_check $P.xl-vcpu-affinity "xl: vcpu 0/1 hard affinity $before -> $after" test "$before" = all/all -a "$after" = 1/1
    xenlab_op $P.resume-to-run "$V" resume "$dom"
    xenlab_op $P.boot-to-ready xenlab_wait_console "$dom" XENLAB-GUEST-READY 120
    xenlab_check $P.dominfo "" bash -c "'$V' dominfo $dom | grep -Eq '^State: +running' && '$V' dominfo $dom | grep -Eq '^Persistent: +yes'"

    xenlab_op $P.suspend "$V" suspend "$dom"
    xenlab_check $P.xl-paused "xl state $(xenlab_state "$dom")" xl_paused "$dom"
    sleep 1; before=$(xenlab_last_tick "$dom"); sleep 3; after=$(xenlab_last_tick "$dom")
    xenlab_check $P.ticks-stopped "tick $before -> $after over 3 s" test "$before" -eq "$after" -a "$before" -ge 0
    xenlab_op $P.resume "$V" resume "$dom"
    xenlab_check $P.ticks-resumed "" xenlab_wait_for 15 ticks_after "$dom" "$after" ||
        xenlab_record "XLINFO $P.ticks-resumed guest: $(xenlab_guest_trouble "$dom")"

    xenlab_op $P.setmem "$V" setmem "$dom" 98304
    xenlab_op $P.setmem-settled xenlab_wait_for 30 memory_is "$dom" 96
    xenlab_check $P.xl-memory "xl list says $(xenlab_memory "$dom") MiB" memory_is "$dom" 96
    xenlab_check $P.dommemstat "$("$V" dommemstat "$dom" 2>&1 | tr '\n' ' ')" memstat_is "$dom" 96

    xenlab_check $P.vcpuinfo-affinity "" bash -c "'$V' vcpuinfo $dom | grep -q '^CPU Affinity: *-y'"
    xenlab_op $P.setvcpus "$V" setvcpus "$dom" 1 --live
    xenlab_check $P.xl-vcpus-online "xl: $(xl list "$dom" | awk 'NR == 2 { print $4 }') vCPU(s)" \
        xenlab_wait_for 15 bash -c "[ \"\$(xl list $dom | awk 'NR == 2 { print \$4 }')\" = 1 ]"

    before=$(xenlab_last_tick "$dom")
    xenlab_op $P.save "$V" save "$dom" "$XENLAB_SCRATCH/$dom.save"
    xenlab_check $P.saved-state "" domstate_is "$dom" "shut off"
    xenlab_op $P.restore "$V" restore "$XENLAB_SCRATCH/$dom.save"
    rm -f "$XENLAB_SCRATCH/$dom.save"
    xenlab_check $P.ticks-after-restore "" xenlab_wait_for 15 ticks_after "$dom" "$before" ||
        xenlab_record "XLINFO $P.ticks-after-restore guest: $(xenlab_guest_trouble "$dom")"

    local readies
    readies=$(grep -ac XENLAB-GUEST-READY "$(xenlab_console "$dom")")
    xenlab_op $P.reboot "$V" reboot "$dom"
    xenlab_op $P.reboot-to-ready xenlab_wait_for 120 ready_above "$dom" "$readies"

    xenlab_op $P.shutdown "$V" shutdown "$dom"
    # No SwiftVirt call from here on: the watcher destroys the powered-off guest (xl, not virsh, is asked;
    # the step's ms is how long the dead domain stayed in Xen after the guest's last words).
    xenlab_op $P.guest-powers-off xenlab_wait_console "$dom" XENLAB-GUEST-POWEROFF 60
    xenlab_op $P.watcher-removes-dead-domain xenlab_wait_for 3 xenlab_absent "$dom"
    xenlab_check $P.shut-off-after-guest-poweroff "" domstate_is "$dom" "shut off"
    xenlab_op $P.undefine "$V" undefine "$dom"
    xenlab_check $P.undefined "" bash -c "! '$V' dominfo $dom"

    dom=vs-pvh
    xenlab_guest_xml "$dom" xenpvh 2 1 >"$XENLAB_SCRATCH/$dom.xml"
    xenlab_op $P.create-pvh "$V" create "$XENLAB_SCRATCH/$dom.xml"
    xenlab_op $P.pvh-boot-to-ready xenlab_wait_console "$dom" XENLAB-GUEST-READY 120
    xenlab_check $P.pvh-off-pcpu0 "xl: vcpu 0/1 hard affinity $(hard_affinity "$dom" 0)/$(hard_affinity "$dom" 1)" \
        test "$(hard_affinity "$dom" 0)$(hard_affinity "$dom" 1)" = 11
    # virsh console on a terminal (script(1) gives it one): xenconsoled's pty brings the ticks, Ctrl-] ends it.
    # A client that starts slowly (Debian's virsh from the 9p share) is given longer: CONSOLE_SECONDS.
    local transcript="$XENLAB_LOGS/$P-console-$dom.txt" seconds="${CONSOLE_SECONDS:-4}"
    xenlab_op $P.console bash -c "{ sleep $seconds; printf '\\035'; } | timeout 30 script -qefc '$V console $dom' /dev/null >'$transcript'"
    xenlab_check $P.console-banner "" grep -aq "Connected to domain '$dom'" "$transcript"
    xenlab_check $P.console-ticks "$(grep -ac XENLAB-TICK "$transcript") ticks in $seconds s" grep -aq XENLAB-TICK "$transcript"
    xenlab_op $P.destroy-pvh "$V" destroy "$dom"
    xenlab_check $P.pvh-gone "" xenlab_absent "$dom"

    # The xl.cfg domxml-to-native writes is one xl itself runs (xl's domain: SwiftVirt does not list it).
    dom=vs-native
    local cfg="$XENLAB_SCRATCH/$dom.cfg"
    xenlab_guest_xml "$dom" xenpvh 2 1 >"$XENLAB_SCRATCH/$dom.xml"
    xenlab_op $P.domxml-to-native bash -c "'$V' domxml-to-native xen-xl '$XENLAB_SCRATCH/$dom.xml' >'$cfg'"
    cat "$cfg" >>"$XENLAB_LOGS/ops.log"
    xenlab_check $P.native-pinned "" grep -q '^cpus = "1"' "$cfg"
    xenlab_op $P.xl-create-native xl create "$cfg"
    xenlab_op $P.native-boot-to-ready xenlab_wait_console "$dom" XENLAB-GUEST-READY 120
    xenlab_check $P.native-off-pcpu0 "xl: vcpu 0 hard affinity $(hard_affinity "$dom" 0)" test "$(hard_affinity "$dom" 0)" = 1
    xenlab_op $P.domxml-from-native bash -c "'$V' domxml-from-native xen-xl '$cfg' >'$XENLAB_SCRATCH/$dom.back.xml'"
    xenlab_check $P.native-round-trip "" grep -q "<name>$dom</name>" "$XENLAB_SCRATCH/$dom.back.xml"
    xenlab_op $P.xl-destroy-native xl destroy "$dom"

    xenlab_check $P.domain0 "" bash -c "'$V' dominfo 0 | grep -Eq '^Name: +Domain-0' && '$V' dumpxml Domain-0 | grep -q \"<domain type='xen' id='0'>\""

    guest_acts_by_itself vs-panic panic crash destroy XENLAB-GUEST-PANIC
    guest_acts_by_itself vs-off poweroff poweroff destroy XENLAB-GUEST-POWEROFF
    guest_acts_by_itself vs-boot reboot reboot restart XENLAB-GUEST-REBOOT

    virsh_device_statistics
    events_check
}

# A transient guest told on its console to panic, power off or reboot does it by itself, with no call from
# anyone: the watcher must carry out its <on_crash>/<on_poweroff> destroy (the domain gone from Xen) or its
# <on_reboot> restart (a new Xen domain of that name) within 3 s of Xen having the guest shut down, and the
# subscriber be told (events_check).
guest_acts_by_itself() {
    local dom="$1" act="$2" on="$3" action="$4" words="$5" id
    xenlab_guest_xml "$dom" xen 1 1 | sed -e "s|</domain>|  <on_$on>$action</on_$on>\n</domain>|" >"$XENLAB_SCRATCH/$dom.xml"
    xenlab_op $P.create-to-$act "$V" create "$XENLAB_SCRATCH/$dom.xml" || return
    xenlab_op $P.$act-boot-to-ready xenlab_wait_console "$dom" XENLAB-GUEST-READY 120 || return
    id=$(xl domid "$dom")
    cpu_ticks >"$XENLAB_SCRATCH/cpu-$dom"
    xenlab_op $P.tell-$act xenlab_tell "$dom" "xenlab-$act"
    xenlab_op $P.guest-$act-by-itself xenlab_wait_console "$dom" "$words" 30
    # The guest's last words come before Xen has it shut down, by up to 2.5 s when dom0 is busy (its
    # console and xenbus go through dom0): the tending is timed from Xen's shutdown, as xl first shows it.
    xenlab_op $P.$act-in-xen xenlab_wait_for 30 stopped_in_xen "$dom" "$id"
    if [ "$action" = restart ]; then
        xenlab_op $P.$act-tended xenlab_wait_for 3 reborn "$dom" "$id"
        xenlab_record "XLINFO $P.$act-cpu $(cpu_ticks_since "$XENLAB_SCRATCH/cpu-$dom")"
        xenlab_op $P.$act-back-to-ready xenlab_wait_for 120 ready_above "$dom" 1
        xenlab_op $P.destroy-after-$act "$V" destroy "$dom"
        xenlab_check $P.$act-destroyed "" xenlab_wait_gone "$dom" 10
    else
        xenlab_op $P.$act-tended xenlab_wait_for 3 xenlab_absent "$dom"
        xenlab_record "XLINFO $P.$act-cpu $(cpu_ticks_since "$XENLAB_SCRATCH/cpu-$dom")"
        xenlab_check $P.$act-gone-from-list "" bash -c "! '$V' domstate $dom"
    fi
}
# dom0's CPU, for the tending's timings: ticks (1/100 s) of dom0's idle time ("idle", pid 0) and of every
# process so far; cpu_ticks_since FILE names who ran since FILE was taken ("comm(pid) ticks ...").
cpu_ticks() {
    {
        awk '/^cpu / { print "0 idle", $5 }' /proc/stat
        cat /proc/[0-9]*/stat 2>/dev/null | awk '{
            c = $0; sub(/^[^(]*\(/, "", c); comm = c; sub(/\).*/, "", comm); gsub(/ /, "_", comm)
            sub(/.*\) /, "", c); split(c, f, " "); print $1, comm, f[12] + f[13] }'
    } | sort -k1,1
}
cpu_ticks_since() {
    cpu_ticks | join -a 1 -e 0 -o 0,1.2,1.3,2.3 - "$1" | awk '$3 - $4 >= 2 { printf "%s(%s) %d ", $2, $1, $3 - $4 }'
}
# True once Xen has the domain with id $2 shut down (crashed, dying), or no longer has it.
stopped_in_xen() {
    local id state
    read -r _ id _ _ state _ < <(xl list "$1" 2>/dev/null | sed -n 2p)
    [ "$id" != "$2" ] || [[ "$state" == *[scd]* ]]
}
# True once Xen runs a domain of that name other than the one with id $2 (a restart builds a new one).
reborn() { local id; id=$(xl domid "$1" 2>/dev/null) && [ "$id" != "$2" ]; }

# One of virsh's statistics line ("vif3.0 rx_bytes 0") as Xen's backends count it: /proc/net/dev's column
# for the vif (turned round: what dom0's side sent, the guest received), blkback's counters for the disk.
vif_column() { awk -v dev="$1:" -v col="$2" '$1 == dev { print $col }' /proc/net/dev; }
vbd_counter() { cat "/sys/bus/xen-backend/devices/vbd-$1-51712/statistics/$2"; }
stat_of() { awk -v f="$2" '$2 == f { print $3 }' <<<"$1"; }
# lo <= x <= hi, for a counter read between two readings of its source; false for an empty or odd x.
within() { [[ $2 =~ ^[0-9]+$ ]] && (( $1 <= $2 && $2 <= $3 )); }
all_within() { while (($#)); do within "$1" "$2" "$3" || return 1; shift 3; done; }

# A transient PV guest with a phy disk (a loop device, blkback) and a vif on xenbr0 (netback): its vif is
# named as libvirt's libxl driver names it, and domifstat / domblkstat say what dom0's backends count.
virsh_device_statistics() {
    local dom=vs-dev image="$XENLAB_SCRATCH/vs-dev.img" loop id vif ifstat blkstat
    truncate -s 16M "$image"
    loop=$(losetup -f --show "$image") || { xenlab_check $P.losetup "no loop device" false; return; }
    xenlab_guest_xml "$dom" xen 1 1 | sed "s|</domain>|  <devices>\
    <disk type='block' device='disk'><driver name='phy'/><source dev='$loop'/><target dev='xvda' bus='xen'/></disk>\
    <interface type='bridge'><source bridge='xenbr0'/></interface>\
  </devices>\
</domain>|" >"$XENLAB_SCRATCH/$dom.xml"
    if xenlab_op $P.create-devices "$V" create "$XENLAB_SCRATCH/$dom.xml"; then
        xenlab_op $P.devices-boot-to-ready xenlab_wait_console "$dom" XENLAB-GUEST-READY 120
        xenlab_check $P.guest-has-disk-and-nic "" grep -aq 'disks=1 nics=1' "$(xenlab_console "$dom")"
        id=$(xl domid "$dom")
        vif=$("$V" dumpxml "$dom" | grep -o "<target dev='vif[^']*'/>" | cut -d"'" -f2)
        xenlab_check $P.vif-named-as-libvirt "live XML: '$vif', xl domid $id" test "$vif" = "vif$id.0"
        xenlab_check $P.vif-on-bridge "" test -e "/sys/class/net/xenbr0/brif/vif$id.0"
        # The counters move while we read them (the bridge floods broadcasts to the vif), so virsh's figure
        # must lie between dom0's readings just before and just after it.
        local tx0 rx0 tx1 rx1
        tx0=$(vif_column "vif$id.0" 10) rx0=$(vif_column "vif$id.0" 3)
        ifstat=$("$V" domifstat "$dom" "vif$id.0" 2>&1)
        tx1=$(vif_column "vif$id.0" 10) rx1=$(vif_column "vif$id.0" 3)
        echo "$ifstat" >>"$XENLAB_LOGS/ops.log"
        xenlab_check $P.domifstat "virsh: rx_bytes $(stat_of "$ifstat" rx_bytes) tx_packets $(stat_of "$ifstat" tx_packets); /proc/net/dev: tx bytes $tx0..$tx1 rx packets $rx0..$rx1" \
            all_within "$tx0" "$(stat_of "$ifstat" rx_bytes)" "$tx1" "$rx0" "$(stat_of "$ifstat" tx_packets)" "$rx1"
        local req0 sect0 req1 sect1 rd_req rd_bytes
        req0=$(vbd_counter "$id" rd_req) sect0=$(vbd_counter "$id" rd_sect)
        blkstat=$("$V" domblkstat "$dom" xvda 2>&1)
        req1=$(vbd_counter "$id" rd_req) sect1=$(vbd_counter "$id" rd_sect)
        echo "$blkstat" >>"$XENLAB_LOGS/ops.log"
        rd_req=$(stat_of "$blkstat" rd_req) rd_bytes=$(stat_of "$blkstat" rd_bytes)
        xenlab_check $P.domblkstat "virsh: rd_req $rd_req rd_bytes $rd_bytes; blkback: rd_req $req0..$req1 rd_sect $sect0..$sect1" \
            all_within 1 "$rd_req" "$req1" "$req0" "$rd_req" "$req1" $((sect0 * 512)) "$rd_bytes" $((sect1 * 512))
        xenlab_op $P.destroy-devices "$V" destroy "$dom"
        xenlab_check $P.devices-gone "" xenlab_absent "$dom"
    fi
    losetup -d "$loop"
    rm -f "$image"
}
