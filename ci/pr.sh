#!/usr/bin/env bash
# meshplate pull-request gate, shared by GitHub Actions (.github/workflows/meshplate.yaml) and
# OpenShift Pipelines (.tekton/meshplate-pipeline.yaml):
#
#   0. meshplate scope      which tenants and which platform paths the PR touches (the platform
#                           team owns every path but tenant descriptors and output: CODEOWNERS)
#   1. meshplate validate   descriptors and overlays (exit 3 invalid, 4 guardrail); with a schemas
#                           folder, every rendered object against the cluster's schemas too
#   2. meshplate check      committed output/ and .github/CODEOWNERS are current; deletion guard
#                           against the base (exit 1 stale, 4 deletion not approved); schemas too
#   3. meshplate diff       review summary as Markdown, written for the PR comment; when check
#                           found output/ stale, from fresh renders of both sides (--render)
#
# Schemas: validate and check use the project's schemas folder (validation.schemasDir in
# templates/base/defaults.yaml, default schemas/) whenever it exists, and say which folder they
# used; MESHPLATE_SCHEMAS names another folder.
#
# The review is written even when a step fails, so the comment shows what the PR would do; the
# script then exits with the first failing step's meshplate exit code (0 when all pass).
#
# Environment:
#   MESHPLATE                  how to run meshplate (default: ./meshplate in the project root);
#                              word-split, e.g. "java -jar meshplate.jar"
#   MESHPLATE_BASE             base revision of the PR (default: origin/main, else HEAD~1)
#   MESHPLATE_COMMENT          Markdown output file (default: target/meshplate-review.md)
#   MESHPLATE_SKIP             steps to skip, space separated: "validate check". A step whose
#                              command this meshplate build does not have is skipped as well.
#   MESHPLATE_ALLOW_DELETION   tenants whose deletion the platform approved, space separated
#   MESHPLATE_SCHEMAS          a schemas folder to validate with instead of the project's own
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 6

read -r -a meshplate <<< "${MESHPLATE:-./meshplate}"
comment="${MESHPLATE_COMMENT:-target/meshplate-review.md}"
skip=" ${MESHPLATE_SKIP:-} "

base="${MESHPLATE_BASE:-}"
if [ -z "$base" ]; then
  if git rev-parse --verify -q origin/main >/dev/null; then base=origin/main; else base=HEAD~1; fi
fi

allow=()
for tenant in ${MESHPLATE_ALLOW_DELETION:-}; do allow+=(--allow-deletion "$tenant"); done
schemas=()
if [ -n "${MESHPLATE_SCHEMAS:-}" ]; then schemas=(--schemas "$MESHPLATE_SCHEMAS"); fi

# The commands this meshplate build has, read once from the command list of its help.
commands=" $("${meshplate[@]}" --no-color --help 2>/dev/null \
  | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' | tr '\n' ' ') "

first_failure=0
last_code=0
run_step() {
  local step="$1"; shift
  last_code=0
  if [[ "$skip" == *" $step "* ]]; then
    echo "ci/pr.sh: skipping '$step' (MESHPLATE_SKIP)" >&2
    return
  fi
  if [[ "$commands" != *" $step "* ]]; then
    echo "ci/pr.sh: skipping '$step' (not available in this meshplate build)" >&2
    return
  fi
  echo "ci/pr.sh: meshplate $step" >&2
  "${meshplate[@]}" "$step" "$@"
  local code=$?
  last_code=$code
  if [ "$code" -ne 0 ] && [ "$first_failure" -eq 0 ]; then first_failure=$code; fi
}

run_step scope --base "$base"
run_step validate "${schemas[@]}"
run_step check --base "$base" "${allow[@]}" "${schemas[@]}"
check_code=$last_code

# A PR whose committed output/ is stale (check exit 1) is reviewed from fresh renders of both
# sides, so the comment shows what the descriptors and templates would change.
render=()
if [ "$check_code" -eq 1 ]; then render=(--render); fi

mkdir -p "$(dirname "$comment")"
echo "ci/pr.sh: meshplate diff --base $base${render[*]:+ ${render[*]}} --format markdown > $comment" >&2
# Written outside the work tree, then moved into place: the review never sees its own comment
# file as a changed path, and a failed diff leaves no partial comment to post.
partial="$(mktemp "${TMPDIR:-/tmp}/meshplate-review.XXXXXX")" || exit 6
# --fail-on-blocked-deletion: the deletion guard holds even where check is not wired (exit 4).
"${meshplate[@]}" --no-color diff --base "$base" "${render[@]}" --format markdown --fail-on-blocked-deletion \
  "${allow[@]}" > "$partial"
code=$?
if [ "$code" -ne 0 ] && [ "$code" -ne 4 ]; then
  rm -f "$partial"
  echo "ci/pr.sh: diff failed with exit $code" >&2
  exit "$code"
fi
mv -f "$partial" "$comment" || exit 6
if [ "$code" -eq 4 ] && [ "$first_failure" -eq 0 ]; then first_failure=4; fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$comment" >> "$GITHUB_STEP_SUMMARY"; fi
exit "$first_failure"
