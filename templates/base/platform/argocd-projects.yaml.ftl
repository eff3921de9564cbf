<#--
  The two platform Argo CD projects of this overlay. mesh-tenants-<overlay> syncs the rendered
  tenant folders: only this repository, only tenant namespaces (by suffix) and the Argo CD
  namespace (tenant AppProjects), only Namespace among cluster-scoped kinds.
  mesh-platform-<overlay> syncs output/<overlay>/platform (control plane, mesh defaults).
  Reads: overlay, namespaceSuffix, env.argocd, env.mesh.{controlPlaneNamespace,target}.
-->
<#import "/lib/mesh.ftl" as mesh>
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${"mesh-tenants-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  description: ${"Mesh policy rendered from tenant descriptors for " + overlay}
  sourceRepos:
  - ${env.argocd.repoURL}
  destinations:
  - server: ${env.argocd.clusterServer}
    namespace: ${"*" + namespaceSuffix}
  - server: ${env.argocd.clusterServer}
    namespace: ${env.argocd.namespace}
  clusterResourceWhitelist:
  - group: ""
    kind: Namespace
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${"mesh-platform-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  description: ${"Service mesh control plane and mesh-wide defaults for " + overlay}
  sourceRepos:
  - ${env.argocd.repoURL}
  destinations:
  - server: ${env.argocd.clusterServer}
    namespace: ${env.mesh.controlPlaneNamespace}
  - server: ${env.argocd.clusterServer}
    namespace: ${env.argocd.namespace}
<#if mesh.ossm2()>
  clusterResourceWhitelist: []
<#else>
  clusterResourceWhitelist:
  - group: sailoperator.io
    kind: Istio
  - group: sailoperator.io
    kind: IstioRevisionTag
  - group: sailoperator.io
    kind: IstioCNI
</#if>
