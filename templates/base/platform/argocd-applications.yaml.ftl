<#--
  How Argo CD finds the rendered output: an ApplicationSet whose git directory generator
  discovers output/<overlay>/tenants/* (one Application per tenant folder, so no file lists
  every tenant), and the Application that syncs this platform folder.
  Reads: overlay, env.argocd.{namespace,repoURL,targetRevision,clusterServer}.
-->
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: ${"mesh-tenants-" + overlay}
  namespace: ${env.argocd.namespace}
spec:
  generators:
  - git:
      repoURL: ${env.argocd.repoURL}
      revision: ${env.argocd.targetRevision}
      directories:
      - path: ${"output/" + overlay + "/tenants/*"}
  template:
    metadata:
      name: ${"{{path.basename}}-" + overlay}
    spec:
      project: ${"mesh-tenants-" + overlay}
      source:
        repoURL: ${env.argocd.repoURL}
        targetRevision: ${env.argocd.targetRevision}
        path: "{{path}}"
      destination:
        server: ${env.argocd.clusterServer}
      syncPolicy:
        automated:
          prune: true
          selfHeal: true
        syncOptions:
        - CreateNamespace=false
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
    path: ${"output/" + overlay + "/platform"}
  destination:
    server: ${env.argocd.clusterServer}
  syncPolicy:
    automated:
      prune: true
      selfHeal: false
