<#--
  Argo CD facts shared by the templates (functions and macros only). The cluster an Argo CD
  instance runs in is `https://kubernetes.default.svc` (argo-cd docs/operator-manual/
  declarative-setup.md, "in-cluster"). Sync options on a resource: `Delete=false` keeps it when
  its Application is deleted, `Prune=false` when it leaves the folder (argo-cd docs/user-guide/
  sync-options.md).
  Reads: overlay, env.argocd.{clusterServer,outputPath}, bundle (whitelists).
-->
<#function inClusterServer><#return "https://kubernetes.default.svc"></#function>
<#-- Whether the overlay's mesh folders go to the cluster the hub Argo CD runs on. -->
<#function inCluster><#return env.argocd.clusterServer == inClusterServer()></#function>
<#-- The repository path of a folder of this overlay: "tenants/*" -> output/prod/tenants/*. -->
<#function path folder><#return env.argocd.outputPath + "/" + overlay + "/" + folder></#function>
<#-- Index of the tenant name in the segments of output/<overlay>/tenants/<tenant>/argocd. -->
<#function tenantSegment><#return env.argocd.outputPath?split("/")?size + 2></#function>
<#-- What namespaces and the control plane carry so no prune or Application deletion removes them. -->
<#function keepOnDeletion><#return "Delete=false,Prune=false"></#function>
<#--
  The whitelists of a project that syncs one rendered folder, from `bundle` (that folder's kinds
  after overlay patches, computed by meshplate): cluster-scoped kinds by object name, namespaced
  kinds by group and kind. Printed at the indentation of an AppProject's `spec` fields.
-->
<#macro whitelists>
<#if bundle.clusterResources?has_content>
  clusterResourceWhitelist:
<#list bundle.clusterResources as r>
  - group: ${r.group}
    kind: ${r.kind}
    name: ${r.name}
</#list>
<#else>
  clusterResourceWhitelist: []
</#if>
<#if bundle.namespacedKinds?has_content>
  namespaceResourceWhitelist:
<#list bundle.namespacedKinds as k>
  - group: ${k.group}
    kind: ${k.kind}
</#list>
<#else>
  namespaceResourceWhitelist: []
</#if>
</#macro>
