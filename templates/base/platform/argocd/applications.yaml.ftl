<#--
  How the hub Argo CD delivers this overlay. This folder holds every Argo CD object of the
  overlay and is applied in-cluster, into the hub's own namespace, never to a remote cluster
  (Argo CD reads Applications and projects in its own namespace only, unless "applications in
  any namespace" is set up: argo-cd docs/operator-manual/app-any-namespace.md). Bootstrap once on the
  hub with `oc apply -k output/<overlay>/platform/argocd`; mesh-argocd-<overlay> then keeps this
  folder itself in sync.
  - mesh-argocd-<overlay>: this folder -> the hub's namespace (project mesh-argocd-<overlay>);
  - mesh-platform-<overlay>: output/<overlay>/platform -> the overlay's cluster;
  - ApplicationSet mesh-policy-<overlay>: one Application per output/<overlay>/tenants/* (git
    directory generator, so no file lists every tenant) -> the overlay's cluster, each in its
    tenant's project mesh-policy-<tenant>-<overlay> (destination: that tenant's namespace only);
  - ApplicationSet mesh-projects-<overlay>: one Application per output/<overlay>/tenants/*/argocd
    (the tenant's AppProjects) -> the hub's namespace.
  Deleting never cascades: the ApplicationSets preserve the resources of Applications they
  delete (preserveResourcesOnDeletion; argo-cd docs/operator-manual/applicationset/
  Application-Deletion.md) and no Application carries the resources finalizer, so removing a
  tenant leaves its namespace and policy for the team to drain. Automated sync retries with
  backoff: a new tenant's Application may start before its project exists, or before OpenShift
  GitOps has granted the controller rights in the new namespace (managed-by label).
  Template parameters {{path}}, {{path.basename}}, {{path[n]}}: argo-cd docs/operator-manual/
  applicationset/Generators-Git.md and GoTemplate.md.
  Reads: overlay, namespaceSuffix, env.argocd.{namespace,repoURL,targetRevision,clusterServer,outputPath},
  env.mesh.controlPlaneNamespace.
-->
<#import "/lib/argocd.ftl" as argocd>
<#import "/lib/yaml.ftl" as y>
<#-- A flow map, so it sits at any indentation. -->
<#macro syncPolicy selfHeal>{automated: {prune: true, selfHeal: ${y.bool(selfHeal)}}, retry: {limit: 10, backoff: {duration: 10s, factor: 2, maxDuration: 5m}}, syncOptions: [CreateNamespace=false]}</#macro>
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${"mesh-argocd-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  project: ${"mesh-argocd-" + overlay}
  source:
    repoURL: ${env.argocd.repoURL}
    targetRevision: ${env.argocd.targetRevision}
    path: ${argocd.path("platform/argocd")}
  destination:
    server: ${argocd.inClusterServer()}
    namespace: ${env.argocd.namespace}
  syncPolicy: <@syncPolicy selfHeal=true/>
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${"mesh-platform-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  project: ${"mesh-platform-" + overlay}
  source:
    repoURL: ${env.argocd.repoURL}
    targetRevision: ${env.argocd.targetRevision}
    path: ${argocd.path("platform")}
  destination:
    server: ${env.argocd.clusterServer}
    namespace: ${env.mesh.controlPlaneNamespace}
  syncPolicy: <@syncPolicy selfHeal=false/>
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: ${"mesh-policy-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  generators:
  - git:
      repoURL: ${env.argocd.repoURL}
      revision: ${env.argocd.targetRevision}
      directories:
      - path: ${argocd.path("tenants/*")}
  syncPolicy:
    preserveResourcesOnDeletion: true
  template:
    metadata:
      name: ${"mesh-policy-{{path.basename}}-" + overlay}
    spec:
      project: ${"mesh-policy-{{path.basename}}-" + overlay}
      source:
        repoURL: ${env.argocd.repoURL}
        targetRevision: ${env.argocd.targetRevision}
        path: "{{path}}"
      destination:
        server: ${env.argocd.clusterServer}
        namespace: ${"{{path.basename}}" + namespaceSuffix}
      syncPolicy: <@syncPolicy selfHeal=true/>
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: ${"mesh-projects-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  generators:
  - git:
      repoURL: ${env.argocd.repoURL}
      revision: ${env.argocd.targetRevision}
      directories:
      - path: ${argocd.path("tenants/*/argocd")}
  syncPolicy:
    preserveResourcesOnDeletion: true
  template:
    metadata:
      name: ${"mesh-projects-{{path[" + argocd.tenantSegment()?c + "]}}-" + overlay}
    spec:
      project: ${"mesh-projects-" + overlay}
      source:
        repoURL: ${env.argocd.repoURL}
        targetRevision: ${env.argocd.targetRevision}
        path: "{{path}}"
      destination:
        server: ${argocd.inClusterServer()}
        namespace: ${env.argocd.namespace}
      syncPolicy: <@syncPolicy selfHeal=true/>
