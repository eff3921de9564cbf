<#--
  Argo CD project for the tenant's own application manifests (not for this policy, which the
  platform project syncs). Destinations: the tenant's namespace in this overlay only. No
  cluster-scoped kind is allowed (empty whitelist); the kinds that carry mesh and network
  security, quotas and RBAC are denied, so a tenant app can never weaken its own policy.
  Reads: name, namespace, overlay, env.argocd.{namespace,clusterServer,tenantRepoPrefix}.
-->
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${"tenant-" + name + "-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  description: ${"Application workloads of tenant " + name + " in " + overlay}
  sourceRepos:
  - ${env.argocd.tenantRepoPrefix + name + "/*"}
  destinations:
  - server: ${env.argocd.clusterServer}
    namespace: ${namespace}
  clusterResourceWhitelist: []
  namespaceResourceBlacklist:
  - group: ""
    kind: ResourceQuota
  - group: ""
    kind: LimitRange
  - group: networking.k8s.io
    kind: NetworkPolicy
  - group: security.istio.io
    kind: PeerAuthentication
  - group: security.istio.io
    kind: AuthorizationPolicy
  - group: security.istio.io
    kind: RequestAuthentication
  - group: networking.istio.io
    kind: Sidecar
  - group: networking.istio.io
    kind: EnvoyFilter
  - group: networking.istio.io
    kind: Gateway
  - group: networking.istio.io
    kind: ServiceEntry
  - group: networking.istio.io
    kind: DestinationRule
  - group: extensions.istio.io
    kind: WasmPlugin
  - group: telemetry.istio.io
    kind: Telemetry
  - group: maistra.io
    kind: ServiceMeshMember
  - group: rbac.authorization.k8s.io
    kind: Role
  - group: rbac.authorization.k8s.io
    kind: RoleBinding
