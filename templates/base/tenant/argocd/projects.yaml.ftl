<#--
  The tenant's two Argo CD projects, rendered into the tenant's argocd/ folder, which the hub
  syncs into its own namespace (never into the tenant's cluster, where no Argo CD reads them).
  mesh-policy-<tenant>-<overlay> syncs output/<overlay>/tenants/<tenant>: this repository only,
  the tenant's namespace on the overlay's cluster only (never the Argo CD namespace), and
  exactly the kinds meshplate rendered into that folder (`bundle`; the Namespace by name, Argo
  CD 3.3+ clusterResourceWhitelist `name`). INV-ARGOCD-PROJECT compares them.
  tenant-<tenant>-<overlay> is for the team's own application manifests (its repositories
  <tenantRepoPrefix><tenant>/*): the tenant's namespace only, no cluster-scoped kind (empty
  whitelist), and none of the kinds that carry exposure, mesh or network security, quotas or
  RBAC, so a team's app can never weaken its policy or publish a host it does not own: Route
  and Ingress, Gateway API, every Istio networking kind (Gateway, VirtualService,
  DestinationRule, ServiceEntry, Sidecar, EnvoyFilter, WorkloadEntry, WorkloadGroup,
  ProxyConfig), every Istio security and telemetry kind, WasmPlugin, ServiceMeshMember,
  NetworkPolicy, ResourceQuota, LimitRange, Role and RoleBinding. Group and kind match as
  filepath globs, so `kind: "*"` denies a whole group (argo-cd pkg/apis/application/v1alpha1/
  types.go isResourceInList). LoadBalancer and NodePort Services are refused by the tenant's
  ResourceQuota (resource-quota.yaml.ftl), which this project cannot change.
  Reads: name, namespace, overlay, bundle, env.argocd.{namespace,repoURL,clusterServer,tenantRepoPrefix}.
-->
<#import "/lib/argocd.ftl" as argocd>
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${"mesh-policy-" + name + "-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  description: ${"Mesh policy rendered from the descriptor of tenant " + name + " for " + overlay}
  sourceRepos:
  - ${env.argocd.repoURL}
  destinations:
  - server: ${env.argocd.clusterServer}
    namespace: ${namespace}
<@argocd.whitelists/>
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
  - group: route.openshift.io
    kind: Route
  - group: networking.k8s.io
    kind: Ingress
  - group: networking.k8s.io
    kind: NetworkPolicy
  - group: gateway.networking.k8s.io
    kind: "*"
  - group: gateway.networking.x-k8s.io
    kind: "*"
  - group: networking.istio.io
    kind: "*"
  - group: security.istio.io
    kind: "*"
  - group: telemetry.istio.io
    kind: "*"
  - group: extensions.istio.io
    kind: "*"
  - group: maistra.io
    kind: "*"
  - group: ""
    kind: ResourceQuota
  - group: ""
    kind: LimitRange
  - group: rbac.authorization.k8s.io
    kind: Role
  - group: rbac.authorization.k8s.io
    kind: RoleBinding
