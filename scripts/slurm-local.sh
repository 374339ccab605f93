#!/usr/bin/env bash
# A one-node Slurm cluster on this machine (loopback), for testing `smr sweep --slurm`.
#   scripts/slurm-local.sh start   write /etc/slurm/slurm.conf for this host, start munged,
#                                  slurmctld and slurmd, wait until sinfo shows the node idle
#   scripts/slurm-local.sh stop    stop the daemons this script started
# Idempotent: start with the daemons already up only waits for the node. Needs root and
# Debian's slurm-wlm and munge (apt-get install slurm-wlm munge). Exit status 1 with a
# message on stderr when the cluster cannot be brought up.
set -euo pipefail
action="${1:-start}"
run=/run/smr-slurm
conf=/etc/slurm/slurm.conf
log() { echo "slurm-local: $*" >&2; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop() {
    for d in slurmd slurmctld munged; do
        if alive "$run/$d.pid"; then kill "$(cat "$run/$d.pid")" 2>/dev/null || true; fi
    done
    for d in slurmd slurmctld munged; do
        for _ in $(seq 50); do alive "$run/$d.pid" || break; sleep 0.1; done
        rm -f "$run/$d.pid"
    done
    log "stopped"
}

start() {
    [ "$(id -u)" = 0 ] || { log "needs root"; exit 1; }
    for b in munged slurmctld slurmd sinfo sbatch; do
        command -v "$b" >/dev/null || { log "$b not found (apt-get install slurm-wlm munge)"; exit 1; }
    done
    mkdir -p "$run" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /etc/slurm /run/munge /var/lib/munge /var/log/munge
    # munge: a key, then the daemon.
    if [ ! -s /etc/munge/munge.key ]; then
        mkdir -p /etc/munge
        if command -v mungekey >/dev/null; then mungekey --create --keyfile=/etc/munge/munge.key --force
        else dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none; fi
    fi
    chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
    chmod 0700 /etc/munge; chmod 0400 /etc/munge/munge.key
    if ! alive "$run/munged.pid"; then
        runuser -u munge -- munged --pid-file=/run/munge/munged.pid </dev/null >/dev/null 2>&1
        for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
        cp /run/munge/munged.pid "$run/munged.pid"
    fi
    munge -n | unmunge >/dev/null || { log "munge does not authenticate"; exit 1; }
    # slurm.conf for this host: the node as slurmd -C sees it.
    host=$(hostname -s)
    node=$(slurmd -C | head -n1 | sed -e "s/^NodeName=[^ ]*/NodeName=$host NodeAddr=127.0.0.1/" -e 's/ UpTime=.*//')
    cat > "$conf.new" <<CONF
# Written by smr's scripts/slurm-local.sh: a one-node cluster on loopback.
ClusterName=smr-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$run/slurmctld.pid
SlurmdPidFile=$run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
$node State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    if ! cmp -s "$conf.new" "$conf" 2>/dev/null; then
        mv "$conf.new" "$conf"
        if alive "$run/slurmctld.pid" || alive "$run/slurmd.pid"; then stop; start; return; fi
    else
        rm -f "$conf.new"
    fi
    # Daemons get no stdio of ours: a CI harness reading our output must see it close.
    alive "$run/slurmctld.pid" || slurmctld </dev/null >/dev/null 2>&1
    alive "$run/slurmd.pid" || slurmd </dev/null >/dev/null 2>&1
    for _ in $(seq 60); do
        state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
        case "$state" in
            idle|mix|alloc) log "node $host is $state"; return 0 ;;
            down*|drain*|fail*) scontrol update nodename="$host" state=resume 2>/dev/null || true ;;
        esac
        sleep 1
    done
    log "the node did not become idle (state '${state:-none}'); see /var/log/slurm/*.log"
    tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
    exit 1
}

case "$action" in
    start) start ;;
    stop) stop ;;
    *) log "usage: $0 start|stop"; exit 2 ;;
esac
