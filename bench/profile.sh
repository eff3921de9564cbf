#!/usr/bin/env bash
# Where the CPU time of one run goes: N synthetic tenants (bench/workspace.sh, plus the 7
# examples) run once through the real launcher under async-profiler, which samples every thread
# of the JVM (the collector's and the compiler's too, and the kernel's share of each), so the
# table adds up to the run's whole CPU time, not only the time spent in Java code:
#
#   bench/profile.sh [N=1000] [WHAT=reach]      OVERLAYS="dev stage prod"   TOP=20 rows of frames
#                                               KEEP=1 (keep the folder and the stacks)
#
#   reach        meshplate reach as on a fresh clone (no .meshplate/): every descriptor validated,
#                every output file read and parsed, every flow evaluated (bench/reach.sh's reach-fresh)
#   reach-cold   meshplate reach after a render, its kept flow table removed: every flow evaluated
#                from the kept facts (bench/reach.sh's reach-cold)
#   render       a cold render: no output/ and no .meshplate/ (bench/render.sh's cold)
#   unchanged    a render with nothing changed since the last one (bench/render.sh's unchanged)
#   one-tenant   a render after one tenant's allowed path changed (bench/render.sh's one-tenant)
#
# Two tables follow the parts: the hottest frames (where each sample was taken) and the
# meshplate methods most often on the stack (a method counted once per sample however deep it
# recurs): the first says what the CPU did, the second which code asked for it.
#
# Each sample is charged to one row: to its thread when the thread is the collector's or the
# compiler's, else to the first part in the table's order whose code is on its stack (so a class
# loaded while parsing counts as class loading, and a parse under the folder reader as parsing,
# the rest of that reader's time as reading files). The profiler
# (tools.profiler:async-profiler, native, Linux x64 and arm64) comes from Maven Central into the
# local Maven repository the first time; it is a tool of this script, not a dependency of meshplate.
# It samples CPU time through perf events where the kernel allows them, else through a timer.
set -euo pipefail
n=${1:-1000}
what=${2:-reach}
overlays=${OVERLAYS:-"dev stage prod"}
top=${TOP:-20}
version=4.0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$what" in reach | reach-cold | render | unchanged | one-tenant) ;;
  *) echo "usage: bench/profile.sh [N] [reach|reach-cold|render|unchanged|one-tenant]" >&2; exit 2 ;; esac
case "$(uname -m)" in x86_64) platform=linux-x64 ;; aarch64) platform=linux-arm64 ;;
  *) echo "async-profiler has no library for $(uname -m)" >&2; exit 2 ;; esac

# shellcheck source=common.sh
source "$here/bench/common.sh"
work_folder

jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
if [ ! -f "$jar" ]; then
  mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$version" >/dev/null
fi
(cd "$work" && unzip -q -o "$jar" "$platform/libasyncProfiler.so")
agent="$work/$platform/libasyncProfiler.so"

synthetic_tree "$n" "$overlays"
"$here/meshplate" --version >/dev/null   # build the jar and its class archive outside the measurement
cmd=(render -q)
case "$what" in
  reach)
    "$here/meshplate" --root "$work" render -q >/dev/null
    rm -rf "$work/.meshplate"
    cmd=(reach)
    label="on a fresh clone" ;;
  reach-cold)
    "$here/meshplate" --root "$work" render -q >/dev/null
    rm -rf "$work/.meshplate/cache/table"
    cmd=(reach)
    label="no kept flow table" ;;
  render) label="cold" ;;
  unchanged)
    "$here/meshplate" --root "$work" render -q >/dev/null
    label="nothing changed" ;;
  one-tenant)
    "$here/meshplate" --root "$work" render -q >/dev/null
    change_allowed_path "$work" profiled
    label="one tenant changed" ;;
esac
sync
MESHPLATE_JAVA_OPTS="-agentpath:$agent=start,event=cpu,interval=1ms,threads,collapsed,file=$work/stacks.txt" \
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$here/meshplate" --root "$work" "${cmd[@]}" >/dev/null

read -r wall user sys rss < "$work/time"
echo "meshplate ${cmd[*]} ($label), $n tenants + 7 examples, overlays: $overlays"
echo "wall ${wall} s, CPU $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') s (user ${user}, sys ${sys}), RSS $((rss / 1024)) MiB; $(nproc) cores"
# One collapsed stack a line: "thread;frame;...;frame count", the root first.
awk -v top="$top" '
  BEGIN {
    # part, then the frames that mark it (first match wins, in this order)
    n = split("gc|jit|class loading|parsing output|connectivity facts|reading files|validating descriptors|rendering|writing output|checking policies|caching|flow table|evaluating flows", names, "|")
    marks["class loading"] = "SystemDictionary::|ClassFileParser|ClassLoader.loadClass"
    marks["reading files"] = "BytesIn.readFile|DiskFacts.parseFolder"
    marks["parsing output"] = "TemplateOutputReader|ScalarCache"
    marks["connectivity facts"] = "reach/Facts\\.|Fact\\.read|reach/Fields\\."
    marks["validating descriptors"] = "Pipeline.validate|descriptor/DescriptorLoader"
    marks["rendering"] = "io/meshplate/render/|freemarker/"
    marks["writing output"] = "io/meshplate/output/|CanonicalYaml"
    marks["checking policies"] = "io/meshplate/policy/"
    marks["caching"] = "io/meshplate/cache/"
    marks["flow table"] = "TextReport|JsonReport|MarkdownReport|HtmlReport|reach/Flow.compare"
    marks["evaluating flows"] = "io/meshplate/reach/"
  }
  {
    count = $NF
    stack = substr($0, 1, length($0) - length(count) - 1)
    total += count
    split(stack, frames, ";")
    thread = frames[1]
    part = "other"
    if (thread ~ /GC Thread|VM Thread/) part = "gc"   # the VM thread runs the collections it is asked for
    else if (thread ~ /CompilerThre/) part = "jit"
    else {
      for (i = 3; i <= n; i++) if (stack ~ marks[names[i]]) { part = names[i]; break }
    }
    parts[part] += count
    leaf[frames[length(frames)]] += count
    delete seen
    for (i = 2; i <= length(frames); i++) {
      if (frames[i] ~ /^io\/meshplate\// && !(frames[i] in seen)) { seen[frames[i]] = 1; onstack[frames[i]] += count }
    }
  }
  END {
    printf "%-24s %8s %7s\n", "part", "samples", "share"
    for (i = 1; i <= n; i++) if (parts[names[i]] > 0) printf "%-24s %8d %6.1f%%\n", names[i], parts[names[i]], 100 * parts[names[i]] / total
    if (parts["other"] > 0) printf "%-24s %8d %6.1f%%\n", "other", parts["other"], 100 * parts["other"] / total
    printf "%-24s %8d\n\nhottest frames (where the sample was taken)\n", "all", total
    for (f in leaf) printf "%8d %6.1f%%  %s\n", leaf[f], 100 * leaf[f] / total, f | "sort -rn | head -" top
    close("sort -rn | head -" top)
    printf "\nmeshplate methods on the stack (lambdas left out)\n"
    for (f in onstack) if (f !~ /Lambda|lambda\$/) printf "%8d %6.1f%%  %s\n", onstack[f], 100 * onstack[f] / total, f | "sort -rn | head -" top
  }' "$work/stacks.txt"
