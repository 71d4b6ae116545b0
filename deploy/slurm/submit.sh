#!/bin/bash
# Submits a sharded pns job: N array tasks of sweep.sbatch, then its merge once every task has succeeded.
# Usage: PNS_ARGS="SCENARIO FLAGS…" PNS_RESULTS=/shared/dir deploy/slurm/submit.sh N [extra sbatch options…]
# Prints the merge job's id (wait for it with: squeue -j ID, or sacct -j ID).
set -euo pipefail
n=${1:?usage: submit.sh N [sbatch options…]}
shift
here=$(cd "$(dirname "$0")" && pwd)
: "${PNS_ARGS:?set PNS_ARGS}" "${PNS_RESULTS:?set PNS_RESULTS}"
mkdir -p "$PNS_RESULTS"
array=$(sbatch --parsable --array="1-$n" --export=ALL,PNS_STAGE=shard "$@" "$here/sweep.sbatch")
array=${array%%;*}
sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --job-name=pns-merge \
    --output=pns-merge-%j.log --export=ALL,PNS_STAGE=merge "$@" "$here/sweep.sbatch"
