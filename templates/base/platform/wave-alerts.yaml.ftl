<#--
  One PrometheusRule per wave of the overlay's rollout that runs on OSSM 3: it fires when a proxy
  in the wave's namespaces still reports another version than the wave's, longer than
  env.monitoring.staleProxyAlertAfter after the wave moved, so a forgotten restart surfaces.
  Proxies change version only when their pods restart (openshift-service-mesh/sail-operator
  docs/update-strategy/update-strategy.adoc, RevisionBased: "They will not be replaced with a new
  version until the pods are deleted and recreated").
  The signal is the proxies' own build metric, istio_build{component="proxy"} with the proxy's
  version in `tag` (1.24.6), scraped from the merged endpoint by each tenant's PodMonitor, which
  adds the tenant's wave as mesh_wave (tenant/pod-monitor.yaml.ftl). A wave still on the
  ServiceMeshControlPlane gets no rule: nothing of it has moved. The rule's expression and labels
  name the wave's version, so moving the wave is a new rule whose `for` starts with the move.
  Evaluated by user-workload monitoring across tenant namespaces: the control-plane namespace must
  be listed under namespacesWithoutLabelEnforcement in user-workload-monitoring-config (OpenShift
  4.16+, "Creating cross-project alerting rules for user-defined projects"); each alert carries
  the namespace it is about.
  The version regex is a PromQL raw string (backticks): no escape processing, so `\.` reaches
  the regex engine as written (prometheus docs/querying/basics.md, "String literals").
  Reads: controlPlanes.waves, env.mesh.controlPlaneNamespace, env.monitoring.staleProxyAlertAfter.
-->
<#list controlPlanes.waves as wave>
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: ${"mesh-wave-" + wave.name}
  namespace: ${env.mesh.controlPlaneNamespace}
spec:
  groups:
  - name: ${"mesh-wave-" + wave.name}
    rules:
    - alert: MeshWaveProxyVersionStale
      expr: ${"count by (namespace, tag) (istio_build{component=\"proxy\", mesh_wave=\"" + wave.name + "\", tag!~`" + wave.tagVersion + "`}) > 0"}
      for: ${env.monitoring.staleProxyAlertAfter}
      labels:
        severity: warning
        mesh_wave: ${wave.name}
        mesh_version: ${wave.version}
      annotations:
        summary: ${"Proxies in {{ $labels.namespace }} still run {{ $labels.tag }}, " + env.monitoring.staleProxyAlertAfter + " after wave " + wave.name + " moved to " + wave.version + " (revision " + wave.revision + ")."}
        description: ${"Restart the namespace's workloads so the injector gives them the wave's proxy: oc rollout restart deployment,statefulset -n {{ $labels.namespace }}; then istioctl ps --istioNamespace " + env.mesh.controlPlaneNamespace + " --revision " + wave.revision + " lists them."}
</#list>
