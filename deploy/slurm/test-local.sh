#!/bin/bash
# The documented Slurm check (not CI): brings up a one-node Slurm cluster from Debian's packages (munge, slurmctld,
# slurmd), submits a sharded `pns run` and a sharded `pns sweep`, each as a job array plus its dependent merge with
# submit.sh, waits, and checks that the merged files equal a local single run and sweep byte for byte. Run as root from the repository root,
# after `cargo build --release`:  deploy/slurm/test-local.sh [SHARDS] [SIMS]
# It stops the daemons it started; docs/slurm-check.md records a run.
set -euo pipefail

shards=${1:-4}
sims=${2:-20000}
repo=$(pwd)
bin=$repo/target/release/pns
[[ -x $bin ]] || { echo "error: $bin: build it first (cargo build --release)" >&2; exit 1; }
[[ $(id -u) == 0 ]] || { echo "error: run as root (it starts munged, slurmctld and slurmd)" >&2; exit 1; }
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge
fi

work=$(mktemp -d /tmp/pns-slurm.XXXXXX)
chmod 755 "$work"
host=$(hostname -s)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

# munge: a key (kept if there is one), the daemon as the munge user.
mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
[[ -s /etc/munge/munge.key ]] || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
runuser -u munge -- munged --pid-file=/run/munge/pns-check.pid
pids+=("$(cat /run/munge/pns-check.pid)")

# One node that is also the controller; no cgroups, no accounting (a container has neither).
cpus=$(nproc)
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
mkdir -p /etc/slurm "$work/ctld" "$work/d"
cat >/etc/slurm/slurm.conf <<CONF
ClusterName=pnscheck
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/d
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -D -i 2>>"$work/slurmctld.out" &
pids+=($!)
slurmd -D 2>>"$work/slurmd.out" &
pids+=($!)
for _ in $(seq 60); do
    sinfo -h -o %T 2>/dev/null | grep -qE '^idle' && break
    sleep 1
done
sinfo

# Waits until the job $1 has left the queue.
wait_for() {
    for _ in $(seq 600); do
        [[ -z $(squeue -h -j "$1" 2>/dev/null) ]] && break
        sleep 1
    done
}

# The sharded run on Slurm, and the same run on this machine.
args="scenarios/2018-bbc-pns.toml --sims $sims --seed 2026 --no-charts"
merge_job=$(PNS_BIN=$bin PNS_ARGS=$args PNS_RESULTS=$work/results "$repo/deploy/slurm/submit.sh" "$shards" \
    --chdir="$repo" --output="$work/pns-%j.log")
echo "submitted: $shards array tasks, merge job $merge_job"
wait_for "$merge_job"
squeue
"$bin" run $args --quiet --format json --out "$work/local" >/dev/null
ls "$work/results"
if cmp "$work/results/merged/summary.json" "$work/local/summary.json"; then
    echo "OK: merged summary.json of $shards Slurm shards = local run, byte for byte ($(sha256sum <"$work/local/summary.json" | cut -c1-64))"
    for f in parties.csv histogram.csv constituencies.csv; do cmp "$work/results/merged/$f" "$work/local/$f"; done
    echo "OK: parties.csv, histogram.csv, constituencies.csv identical too"
else
    echo "FAIL: merged summary.json differs from the local run (logs in $work)" >&2
    tail -n 20 "$work"/*.log >&2 || true
    exit 1
fi

# A sharded sweep (11 × 11 points, 1000 simulations a point) on Slurm, and the same sweep on this machine.
args="scenarios/sweep-reform-lab.toml --x reform=20:30:1 --y lab=15:25:1 --sims 1000"
merge_job=$(PNS_COMMAND=sweep PNS_BIN=$bin PNS_ARGS=$args PNS_RESULTS=$work/sweep "$repo/deploy/slurm/submit.sh" \
    "$shards" --chdir="$repo" --output="$work/pns-%j.log")
echo "submitted: $shards array tasks of the sweep, merge job $merge_job"
wait_for "$merge_job"
"$bin" sweep $args --quiet --format json --out "$work/local-sweep" >/dev/null
for f in sweep.json sweep.csv sweep.png; do
    if ! cmp "$work/sweep/merged/$f" "$work/local-sweep/$f"; then
        echo "FAIL: merged $f differs from the local sweep (logs in $work)" >&2
        tail -n 20 "$work"/*.log >&2 || true
        exit 1
    fi
done
echo "OK: merged sweep.json, sweep.csv, sweep.png of $shards Slurm shards = local sweep, byte for byte ($(sha256sum <"$work/local-sweep/sweep.json" | cut -c1-64))"
