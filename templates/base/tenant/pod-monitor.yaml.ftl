<#--
  Proxy and application metrics into OpenShift user-workload monitoring. UWM ignores
  namespaceSelector, so every tenant namespace needs its own PodMonitor. It scrapes the merged
  endpoint of the istio-proxy container: the injector points the pod's prometheus.io/port and
  prometheus.io/path annotations at the agent (15020, /stats/prometheus), which serves Envoy's
  metrics (istio_requests_total, ...) merged with the application's own (enablePrometheusMerge:
  the SMCP's addons.prometheus.scrape, on by default; Istio's default on OSSM 3). The address
  is rebuilt from that annotation because 15020 is no named container port; only pods that
  carry prometheus.io/scrape are kept; Envoy's 15090 is not scraped, so no series twice. The
  recipe follows openshift-docs modules/ossm-integrating-with-user-workload-monitoring.adoc and
  openshift-service-mesh/sail-operator docs/ossm/quickstarts/ossm3-kiali-tempo-bookinfo/
  resources/Monitoring/podMonitor.yaml. Series are tagged with the mesh id Kiali scopes its
  queries by, and in a rollout overlay with the tenant's wave (mesh_wave), which the wave's
  MeshWaveProxyVersionStale alert selects by (platform/wave-alerts.yaml.ftl): a label on the
  series instead of a list of namespaces in the platform file, so no output file depends on two
  tenants. The NetworkPolicy allow-from-monitoring opens 15020 to the monitoring namespaces.
  Reads: namespace, membership.wave, env.monitoring.scrapeInterval, env.mesh.controlPlaneNamespace.
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
  - path: /stats/prometheus
    interval: ${env.monitoring.scrapeInterval}
    relabelings:
    - action: keep
      sourceLabels:
      - __meta_kubernetes_pod_container_name
      regex: istio-proxy
    - action: keep
      sourceLabels:
      - __meta_kubernetes_pod_annotationpresent_prometheus_io_scrape
    - action: replace
      sourceLabels:
      - __meta_kubernetes_pod_annotation_prometheus_io_port
      - __meta_kubernetes_pod_ip
      regex: '(\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})'
      replacement: '[$2]:$1'
      targetLabel: __address__
    - action: replace
      sourceLabels:
      - __meta_kubernetes_pod_annotation_prometheus_io_port
      - __meta_kubernetes_pod_ip
      regex: '(\d+);((([0-9]+?)(\.|$)){4})'
      replacement: '$2:$1'
      targetLabel: __address__
    - action: labeldrop
      regex: __meta_kubernetes_pod_label_(.+)
    - action: replace
      sourceLabels:
      - __meta_kubernetes_pod_name
      targetLabel: pod_name
    - action: replace
      targetLabel: mesh_id
      replacement: ${env.mesh.controlPlaneNamespace}
<#if membership.wave??>
    - action: replace
      targetLabel: mesh_wave
      replacement: ${membership.wave}
</#if>
