<#--
  istiod metrics and control-plane alerts: xDS convergence (pilot_proxy_convergence_time, the
  signal that Sidecar scoping is missing or pushes are too large), rejected configuration, and
  istiod not scraped. The series carry the mesh_id Kiali scopes its queries by (kiali.yaml.ftl;
  openshift-docs modules/ossm-integrating-with-user-workload-monitoring.adoc).
  Reads: env.mesh.controlPlaneNamespace, env.monitoring.scrapeInterval.
-->
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: istiod
  namespace: ${env.mesh.controlPlaneNamespace}
spec:
  selector:
    matchLabels:
      istio: pilot
  endpoints:
  - port: http-monitoring
    interval: ${env.monitoring.scrapeInterval}
    relabelings:
    - action: replace
      targetLabel: mesh_id
      replacement: ${env.mesh.controlPlaneNamespace}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: istio-control-plane
  namespace: ${env.mesh.controlPlaneNamespace}
spec:
  groups:
  - name: istiod
    rules:
    - alert: IstioProxyConvergenceSlow
      expr: |
        histogram_quantile(0.99, sum by (le) (rate(pilot_proxy_convergence_time_bucket[5m]))) > 5
      for: 15m
      labels:
        severity: warning
      annotations:
        summary: 99th percentile xDS convergence above 5s; check Sidecar scoping and push volume.
    - alert: IstioXdsRejects
      expr: sum(rate(pilot_total_xds_rejects[5m])) > 0
      for: 10m
      labels:
        severity: warning
      annotations:
        summary: Proxies are rejecting configuration; a policy or route is not being applied.
    - alert: IstiodDown
      expr: absent(up{job=~".*istiod.*"} == 1)
      for: 5m
      labels:
        severity: critical
      annotations:
        summary: No istiod instance is being scraped.
