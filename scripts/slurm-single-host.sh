#!/usr/bin/env bash
# A real single-host Slurm (Debian's slurm-wlm + munge) for trying the Slurm launcher and for its tests.
#   scripts/slurm-single-host.sh start DIR   # writes DIR/slurm.conf, starts munged, slurmctld, slurmd; waits for idle
#   scripts/slurm-single-host.sh stop DIR    # stops them
# Then: export SLURM_CONF=DIR/slurm.conf  (sbatch, squeue, scancel read it). Needs root (the daemons run as root).
set -euo pipefail
cmd="${1:?usage: $0 start|stop DIR}"
dir="$(mkdir -p "${2:?usage: $0 start|stop DIR}" && cd "$2" && pwd)"
host="$(hostname -s)"

stop() {
  for f in slurmd slurmctld; do
    [ -f "$dir/$f.pid" ] && kill "$(cat "$dir/$f.pid")" 2>/dev/null || true
  done
  for _ in $(seq 1 100); do
    alive=0
    for f in slurmd slurmctld; do
      [ -f "$dir/$f.pid" ] && kill -0 "$(cat "$dir/$f.pid")" 2>/dev/null && alive=1
    done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
}

if [ "$cmd" = stop ]; then
  stop
  exit 0
fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
for tool in munged slurmctld slurmd sinfo; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] \
    || { echo "slurm-single-host: $tool not found; install Debian's slurm-wlm and munge" >&2; exit 2; }
done
mem=$(( $(free -m | awk '/^Mem:/ {print $7}') * 8 / 10 ))
cpus=$(nproc)
mkdir -p "$dir/state" "$dir/spool"
cat > "$dir/slurm.conf" <<CONF
ClusterName=gantrytest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# A requeued batch job may start again only when its revoked launch credential has expired: Slurm holds
# it for cred_expire + 1 seconds (default 120). Short here, so a requeue test need not wait 2 minutes.
AuthInfo=cred_expire=20
CryptoType=crypto/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
NodeName=$host CPUs=$cpus Sockets=1 CoresPerSocket=$cpus ThreadsPerCore=1 RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
mkdir -p /run/munge && chown munge:munge /run/munge
if ! pgrep -x munged >/dev/null; then
  runuser -u munge -- /usr/sbin/munged
fi
stop
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 1 300); do
  state="$(sinfo -h -o %T 2>/dev/null || true)"
  [ "$state" = idle ] && { echo "slurm-single-host: $host idle ($cpus CPUs); export SLURM_CONF=$SLURM_CONF"; exit 0; }
  sleep 0.1
done
echo "slurm-single-host: the node did not become idle in 30 s (state: '${state:-none}'); see $dir/slurmctld.log and $dir/slurmd.log" >&2
exit 1
