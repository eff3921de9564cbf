#!/usr/bin/env bash
# Writes a benchmark work tree into DIR: the project's templates, its example tenants (the shipped
# prod overlay patches storefront's gateway) and N synthetic tenants.
#
#   bench/workspace.sh N DIR
#
# Each synthetic tenant has two services (HTTP and TCP), an allow rule from the previous tenant, a
# call to the next one, an egress host with TLS origination and an ingress host, so every template
# renders and every layer of the connectivity model has work to do.
set -euo pipefail
n=$1
dir=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cp -r "$here/templates" "$dir/templates"
cp -r "$here/tenants" "$dir/tenants"
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
