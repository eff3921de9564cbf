#!/usr/bin/env bash
# Benchmark: renders N synthetic tenants (plus the 7 examples) into every shipped overlay with the real CLI, cold,
# then again with nothing changed. Prints wall time and peak memory of each run.
#
#   bench/render.sh [N=1000]
#
# Each synthetic tenant has two services (HTTP and TCP), an allow rule from the previous tenant,
# a call to the next one, an egress host with TLS origination and an ingress host, so every
# template renders. Numbers depend on the machine; DESIGN §10 gives the targets.
set -euo pipefail
n=${1:-1000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -r "$here/templates" "$work/templates"
# The example tenants come along: the shipped prod overlay patches storefront's gateway.
cp -r "$here/tenants" "$work/tenants"
for ((i = 0; i < n; i++)); do
  prev=$(( (i + n - 1) % n )); next=$(( (i + 1) % n ))
  cat > "$work/tenants/t$i.yaml" <<YAML
apiVersion: meshplate.io/v1alpha1
kind: Tenant
metadata:
  name: t$i
spec:
  owners: ["@acme/team-$i"]
  services:
    - name: api
      ports: [{name: http, port: 8080, protocol: HTTP}]
      allow:
        - from: {tenant: t$prev, service: api}
          methods: [GET, POST]
          paths: [/v1/*]
        - from: {ingress: true}
    - name: db
      ports: [{name: tcp-pg, port: 5432, protocol: TCP}]
      allow:
        - from: {tenant: t$i, service: api}
  calls:
    - {tenant: t$next, service: api}
  egress:
    - {host: api$i.partner.example.com, port: 443, tls: originate}
  ingress:
    hosts:
      - {name: app$i, service: api}
  telemetry: {accessLog: errors, tracingPercent: 1}
YAML
done

"$here/meshplate" --version >/dev/null   # build the jar outside the measurement
for run in cold unchanged; do
  /usr/bin/time -f "$run: %e s wall, %M KiB peak RSS" "$here/meshplate" --root "$work" render
done
echo "files: $(find "$work/output" -type f | wc -l), bytes: $(du -sb "$work/output" | cut -f1)"
