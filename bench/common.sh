# Helpers of the benchmarks (sourced by every script here but workspace.sh); they time into $work.

# work_folder: a new folder for the run in $work, removed when the script ends unless KEEP is set
# (then its path is printed, to look at the tree and the output afterwards).
work_folder() {
  work="$(mktemp -d)"
  if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "working in $work"; fi
}

# keep_overlays DIR OVERLAYS: removes every overlay of DIR/templates/overlays not named in
# OVERLAYS (a space-separated list; "all" keeps every one).
keep_overlays() {
  [ "$2" = "all" ] && return 0
  for dir in "$1"/templates/overlays/*/; do
    name="$(basename "$dir")"
    [[ " $2 " == *" $name "* ]] || rm -rf "$dir"
  done
}

# synthetic_tree N OVERLAYS [DIR]: writes N synthetic tenants (bench/workspace.sh, plus the
# examples) into DIR ($work when not given) and keeps only OVERLAYS (see keep_overlays); $here is
# the project.
synthetic_tree() {
  local dir=${3:-$work}
  "$here/bench/workspace.sh" "$1" "$dir"
  keep_overlays "$dir" "$2"
}

# change_allowed_path DIR MARK: changes the path tenant t0 of the synthetic tree in DIR allows to
# /v1/MARK/*: one tenant's access changed, the edit of a pull request (a MARK no earlier run saw
# makes a state the render cache does not hold).
change_allowed_path() {
  sed -i -E "s|paths: \[/v1[^]]*\]|paths: [/v1/$2/*]|" "$1/tenants/t0.yaml"
}

# run LABEL COMMAND... : runs COMMAND and appends "wall cpu rss-KiB" to $work/LABEL.times
# (cpu = user + sys seconds); on failure prints its stderr and exits. What earlier steps wrote is
# flushed to disk first: a run must not pay for the write-back of the files the last one (or a
# commit of the whole tree) left dirty, which on a virtual disk slowed an unchanged render of
# 1,000 tenants from 0.73 to 1.16 s.
run() {
  local label=$1; shift
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/.t" "$@" >/dev/null 2>"$work/.err" || {
    echo "$label failed:" >&2; cat "$work/.err" >&2; exit 1; }
  awk '{printf "%.2f %.2f %d\n", $1, $2 + $3, $4}' "$work/.t" >> "$work/$label.times"
}

# room_for FILES KNOB: stops the script when the file system of $work has no room for FILES more
# files (a tmpfs has a fixed number of inodes, about 3 million on a 24 GiB machine), naming the
# setting that keeps fewer: better said before an hour is spent than halfway through.
room_for() {
  local free
  free=$(df -Pi "$work" | awk 'NR == 2 {print $4}')
  if [[ "$free" =~ ^[0-9]+$ ]] && (( free > 0 && $1 > free )); then
    echo "bench/$(basename "$0"): about $1 files will be kept in $work, and its file system has room for $free more:" \
      "lower $2, or set TMPDIR to another file system" >&2
    exit 2
  fi
}

# median FILE COLUMN
median() {
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR + 1) / 2)]}'
}

# aside PATH...: moves earlier trees out of the way into $work/.aside instead of deleting them:
# creating tens of thousands of files right after deleting as many is several times slower on
# some file systems (ext4 looks for recently freed inodes), which would time the file system
# rather than meshplate or cp. The benchmark removes $work, and them, when it ends.
aside() {
  local dir
  mkdir -p "$work/.aside"
  for dir in "$@"; do [ -e "$dir" ] && mv "$dir" "$work/.aside/$RANDOM$RANDOM"; done
  return 0
}

# elapsed_ms COMMAND...: runs COMMAND quietly and prints its wall time in milliseconds.
elapsed_ms() {
  local began
  began=$(date +%s%N)
  "$@" >/dev/null 2>&1
  echo $(( ($(date +%s%N) - began) / 1000000 ))
}

# settle COMMAND...: waits (at most two minutes) until COMMAND, a quick one such as
# "meshplate --version", runs within a quarter of its quickest of three runs when this was first
# called.
# Right after a large write (the commit of a whole output tree) some machines reclaim memory for a
# while, and every process started meanwhile pays for it: on the 2-core machine of the README the
# JVM alone started in 0.7-0.9 s instead of 0.4 s, and an unchanged render of 1,000 tenants took
# 2-3.5 s instead of 1.1 s for some 30 s, in a tree the commit did not touch.
settle() {
  local start limit
  if [ -z "${settle_ms:-}" ]; then
    settle_ms=$(for _ in 1 2 3; do elapsed_ms "$@"; done | sort -n | head -1)
  fi
  limit=$(( settle_ms * 5 / 4 ))
  start=$(date +%s)
  while [ "$(elapsed_ms "$@")" -gt "$limit" ] && [ $(( $(date +%s) - start )) -lt 120 ]; do sleep 2; done
}
