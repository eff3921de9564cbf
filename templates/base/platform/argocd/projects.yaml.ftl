<#--
  The overlay's Argo CD projects, on the hub. Each syncs only this repository and whitelists
  exactly the kinds meshplate renders into the folders it syncs (INV-ARGOCD-PROJECT compares):
  - mesh-argocd-<overlay>: this folder (Application, ApplicationSet, AppProject) into the hub's
    own namespace;
  - mesh-projects-<overlay>: the tenants' argocd/ folders (AppProject only) into the hub's
    namespace;
  - mesh-platform-<overlay>: output/<overlay>/platform on the overlay's cluster, into the
    control-plane namespace only; its whitelists are the kinds of that folder (`bundle`), the
    cluster-scoped ones by object name (clusterResourceWhitelist `name`: Argo CD 3.3+,
    argo-cd pkg/apis/application/v1alpha1/app_project_types.go IsGroupKindNamePermitted).
  A namespaced whitelist that is present allows only its kinds; an empty cluster whitelist
  allows no cluster-scoped kind (argo-cd docs/user-guide/projects.md).
  Reads: overlay, bundle (the platform folder's kinds), env.argocd, env.mesh.controlPlaneNamespace.
-->
<#import "/lib/argocd.ftl" as argocd>
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${"mesh-argocd-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  description: ${"Argo CD objects that deliver " + overlay + ", kept in the hub's own namespace"}
  sourceRepos:
  - ${env.argocd.repoURL}
  destinations:
  - server: ${argocd.inClusterServer()}
    namespace: ${env.argocd.namespace}
  clusterResourceWhitelist: []
  namespaceResourceWhitelist:
  - group: argoproj.io
    kind: Application
  - group: argoproj.io
    kind: ApplicationSet
  - group: argoproj.io
    kind: AppProject
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${"mesh-projects-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  description: ${"Tenants' Argo CD projects for " + overlay + ", kept in the hub's own namespace"}
  sourceRepos:
  - ${env.argocd.repoURL}
  destinations:
  - server: ${argocd.inClusterServer()}
    namespace: ${env.argocd.namespace}
  clusterResourceWhitelist: []
  namespaceResourceWhitelist:
  - group: argoproj.io
    kind: AppProject
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
<@argocd.whitelists/>
