#!/bin/bash
# Fashion-MNIST variants of TrainOnImages, one at a time under the heavy lock, resumable.
#   examples/scripts/fashion-ablation.sh ROOT CLASSPATH_FILE "name|options" ...
# Each variant: ROOT/<name> (TrainOnImages 32x32, 10 minutes of training + the given options),
# /usr/bin/time -v into ROOT/<name>/time.txt, load before/after into ROOT/<name>/load.txt.
# A variant with a summary.json is skipped. The table goes to ROOT/table.md.
set -u
root=$1; cp=$(cat "$2"); shift 2
idx=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
mkdir -p "$root"
for v in "$@"; do
  name=${v%%|*}; opts=${v#*|}
  out=$root/$name
  [ -f "$out/summary.json" ] && continue
  mkdir -p "$out"
  echo "$(date +%T) running $name: $opts"
  flock /tmp/heavy.lock sh -c "echo start \$(date -Is) \$(cat /proc/loadavg) >> $out/load.txt; \
    KMP_BLOCKTIME=0 OMP_WAIT_POLICY=PASSIVE /usr/bin/time -v -o $out/time.txt \
    java -Dai.djl.offline=true -Djava.awt.headless=true -cp '$cp' io.pggan.examples.TrainOnImages \
    $idx $out 32 10 $opts >> $out/run.log 2>&1; \
    echo end \$(date -Is) \$(cat /proc/loadavg) >> $out/load.txt"
done
{
  echo "| name | options | kimg | train s | SWD last | SWD best (kimg) | real-vs-real | last/real | best/real | peak RSS GB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for v in "$@"; do
    name=${v%%|*}; opts=${v#*|}; s=$root/$name/summary.json
    [ -f "$s" ] || continue
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.2f", $2/1e6}' $root/$name/time.txt)
    jq -r --arg n "$name" --arg o "$opts" --arg rss "$rss" \
      '"| \($n) | `\($o)` | \(.kimg*10|round/10) | \(.trainingSeconds|round) | \(.swdLast*100|round/100) | \(.swdBest*100|round/100) (\(.swdBestKimg*10|round/10)) | \(.swdRealVsReal*100|round/100) | \(.swdLastOverReal*100|round/100) | \(.swdBestOverReal*100|round/100) | \($rss) |"' "$s"
  done
} > "$root/table.md"
