#!/usr/bin/env bash
# Writes N synthetic tenants into DIR/tenants (used by the benchmarks).
#
#   bench/tenants.sh N DIR
#
# Each tenant has two services (HTTP and TCP), an allow rule from the previous tenant, a call to
# the next one, an egress host with TLS origination and an ingress host, so every template renders
# and every layer of the connectivity model has work to do.
set -euo pipefail
n=$1
dir=$2
mkdir -p "$dir/tenants"
for ((i = 0; i < n; i++)); do
  prev=$(( (i + n - 1) % n )); next=$(( (i + 1) % n ))
  cat > "$dir/tenants/t$i.yaml" <<YAML
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
