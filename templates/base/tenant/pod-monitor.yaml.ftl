<#--
  Proxy metrics into OpenShift user-workload monitoring. UWM ignores namespaceSelector, so every
  tenant namespace needs its own PodMonitor. Scrapes the raw Envoy stats port of every injected
  pod (plain text, outside mTLS capture; NetworkPolicy allow-from-monitoring opens it) and tags
  series with the mesh id.
  Reads: namespace, env.monitoring.scrapeInterval, env.mesh.controlPlaneNamespace.
-->
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: istio-proxies
  namespace: ${namespace}
spec:
  selector:
    matchExpressions:
    - key: istio-prometheus-ignore
      operator: DoesNotExist
  podMetricsEndpoints:
  - port: http-envoy-prom
    path: /stats/prometheus
    interval: ${env.monitoring.scrapeInterval}
    relabelings:
    - action: replace
      targetLabel: mesh_id
      replacement: ${env.mesh.controlPlaneNamespace}
