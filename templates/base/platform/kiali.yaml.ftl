<#--
  Kiali, view-only, reading the mesh's metrics where they are: OpenShift user-workload
  monitoring through the Thanos Querier (env.monitoring.thanosQuerierUrl), with its own service
  account token, and scoped to this mesh's series by the mesh_id the PodMonitors add
  (openshift-docs modules/ossm-integrating-with-user-workload-monitoring.adoc; openshift-service-
  mesh/sail-operator docs/ossm/kiali/README.md, "Configuring OpenShift Monitoring with Kiali").
  That token may read them through the ClusterRoleBinding to cluster-monitoring-view of the
  service account the Kiali operator creates (<deployment.instance_name, default kiali>-service-
  account). Login through OpenShift OAuth; no Grafana (not shipped with UWM).
  OSSM 2: the SMCP's addons.kiali.name points at this CR; the operator then patches only its
  `external_services.istio` settings, which are written here with the same values so Argo CD
  sees no drift (maistra/istio-operator pkg/controller/servicemesh/controlplane/addons.go). The
  CR syncs one wave before the SMCP: an SMCP that finds no CR of that name installs its own
  (pkg/controller/versions/strategy_v2_5.go; argo-cd docs/user-guide/sync-waves.md).
  OSSM 3, and during a rollout from OSSM 2 (the SMCP's Kiali add-on is off then, as the
  pre-migration checklist wants): the Kiali operator alone reconciles the CR and finds the
  control planes itself.
  The Kiali CRD is not in the upstream schema set (validation.kindsWithoutSchema).
  Reads: env.kiali, env.monitoring.thanosQuerierUrl, env.mesh.controlPlaneNamespace, controlPlanes.smcp.
-->
<#import "/lib/mesh.ftl" as mesh>
---
apiVersion: kiali.io/v1alpha1
kind: Kiali
metadata:
  name: ${env.kiali.name}
  namespace: ${env.mesh.controlPlaneNamespace}
  annotations:
    argocd.argoproj.io/sync-wave: "-1"
spec:
  version: ${env.kiali.version}
  istio_namespace: ${env.mesh.controlPlaneNamespace}
  auth:
    strategy: openshift
  deployment:
    view_only_mode: true
  external_services:
    grafana:
      enabled: false
<#if mesh.smcp() && controlPlanes.smcp.managesKiali>
    istio:
      config_map_name: ${"istio-" + controlPlanes.smcp.name}
      istio_sidecar_injector_config_map_name: ${"istio-sidecar-injector-" + controlPlanes.smcp.name}
      istiod_deployment_name: ${"istiod-" + controlPlanes.smcp.name}
      url_service_version: ${"http://istiod-" + controlPlanes.smcp.name + "." + controlPlanes.smcp.namespace + ":15014/version"}
</#if>
    prometheus:
      url: ${env.monitoring.thanosQuerierUrl}
      auth:
        type: bearer
        use_kiali_token: true
      thanos_proxy:
        enabled: true
      query_scope:
        mesh_id: ${env.mesh.controlPlaneNamespace}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${"kiali-monitoring-view-" + env.mesh.controlPlaneNamespace}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-monitoring-view
subjects:
- kind: ServiceAccount
  name: kiali-service-account
  namespace: ${env.mesh.controlPlaneNamespace}
