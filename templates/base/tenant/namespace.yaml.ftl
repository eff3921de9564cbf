<#--
  Namespace of the tenant in this overlay and its mesh membership.
  Enforces: the namespace name comes from the platform (tenant + namespaceSuffix), never from the
  tenant; membership follows the mesh target: OSSM 2 joins through a ServiceMeshMember named
  `default` (no injection label: OSSM 2 injects per pod), OSSM 3 through the revision label plus
  the discovery label istiod watches (one injection label only, never istio-injection).
  Tenant labels and annotations (spec.namespaceMetadata) passed GUARD-NAMESPACE-LABEL; a key the
  platform sets here is still skipped, so platform labels always win.
  Argo CD may write into the namespace: when the hub's own cluster hosts it, the label
  `argocd.argoproj.io/managed-by: <Argo CD namespace>` makes the OpenShift GitOps operator give
  that instance's controller a Role in it with the `admin` ClusterRole's rules (OpenShift GitOps
  docs, "Deploying resources to a different namespace"; redhat-developer/gitops-operator
  controllers/argocd/openshift/openshift.go). A remote cluster is written with the credentials
  of its Argo CD cluster secret instead, so the label is left off there (it would hand a local
  OpenShift GitOps instance on that cluster the same rights).
  The namespace survives its Application: `Delete=false,Prune=false` keeps it when the tenant
  leaves the repository or its Application is deleted (lib/argocd.ftl); the team drains it.
  Reads: name, namespace, environment, env.labelKeys, env.mesh.{target,revision,discoveryLabel,
  controlPlaneName,controlPlaneNamespace}, env.argocd.{namespace,clusterServer}, namespaceLabels,
  namespaceAnnotations.
-->
<#import "/lib/mesh.ftl" as mesh>
<#import "/lib/argocd.ftl" as argocd>
---
apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
  labels:
    ${env.labelKeys.tenant}: ${name}
    ${env.labelKeys.environment}: ${environment}
<#if !mesh.ossm2()>
    istio.io/rev: ${env.mesh.revision}
    ${env.mesh.discoveryLabel}: enabled
</#if>
<#if argocd.inCluster()>
    argocd.argoproj.io/managed-by: ${env.argocd.namespace}
</#if>
<#list namespaceLabels as key, value>
<#if key != env.labelKeys.tenant && key != env.labelKeys.environment && key != "istio.io/rev" && key != env.mesh.discoveryLabel && key != "argocd.argoproj.io/managed-by">
    ${key}: ${value}
</#if>
</#list>
  annotations:
    argocd.argoproj.io/sync-options: ${argocd.keepOnDeletion()}
<#list namespaceAnnotations as key, value>
<#if key != "argocd.argoproj.io/sync-options">
    ${key}: ${value}
</#if>
</#list>
<#if mesh.ossm2()>
---
apiVersion: maistra.io/v1
kind: ServiceMeshMember
metadata:
  name: default
  namespace: ${namespace}
spec:
  controlPlaneRef:
    name: ${env.mesh.controlPlaneName}
    namespace: ${env.mesh.controlPlaneNamespace}
</#if>
