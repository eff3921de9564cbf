# Helpers of the benchmarks (sourced by render.sh, reach.sh, jvm.sh and ab.sh); they time into $work.

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
