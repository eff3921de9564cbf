<#--
  Tenant alerts on what the tenant serves (destination-reported Istio metrics live in the
  destination's namespace; UWM rules only see their own namespace): 5xx ratio, sustained 403s
  (a caller missing from an allow rule), p99 latency. Evaluated in the UWM Prometheus.
  Reads: name, namespace.
-->
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: ${name + "-mesh-alerts"}
  namespace: ${namespace}
  labels:
    openshift.io/prometheus-rule-evaluation-scope: leaf-prometheus
spec:
  groups:
  - name: ${name + "-mesh"}
    rules:
    - alert: MeshWorkloadHigh5xxRatio
      expr: |
        sum by (destination_workload) (rate(istio_requests_total{reporter="destination", response_code=~"5.."}[5m]))
          /
        sum by (destination_workload) (rate(istio_requests_total{reporter="destination"}[5m]))
          > 0.05
      for: 10m
      labels:
        severity: warning
      annotations:
        summary: More than 5% of requests to {{ $labels.destination_workload }} fail with 5xx.
    - alert: MeshWorkloadAuthzDenials
      expr: sum by (destination_workload) (rate(istio_requests_total{reporter="destination", response_code="403"}[10m])) > 1
      for: 15m
      labels:
        severity: info
      annotations:
        summary: Sustained 403s at {{ $labels.destination_workload }}; check allow rules and callers.
    - alert: MeshWorkloadP99LatencyHigh
      expr: |
        histogram_quantile(0.99, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[5m]))) > 1000
      for: 10m
      labels:
        severity: warning
      annotations:
        summary: p99 latency of {{ $labels.destination_workload }} is above 1s.
