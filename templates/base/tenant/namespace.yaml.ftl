<#--
  Namespace of the tenant in this overlay and its mesh membership.
  Enforces: the namespace name comes from the platform (tenant + namespaceSuffix), never from the
  tenant; exactly one control plane injects its pods (membership, render/ControlPlaneModel.java):
  - OSSM 2 member: a ServiceMeshMember `default` naming the ServiceMeshControlPlane, no revision
    label (OSSM 2 injects per pod: the pod label sidecar.istio.io/inject of the tenant contract);
  - OSSM 3: `istio.io/rev: <tag>` (the overlay's revision tag, or the tag of the tenant's wave in a
    rollout), never istio-injection (it would take precedence over istio.io/rev); in a rollout
    overlay also `maistra.io/ignore-namespace: "true"`, which turns the OSSM 2 injector off for
    the namespace (openshift-service-mesh/sail-operator docs/ossm/ossm2-migration/
    multi-tenancy/README.md, "Migrate Workloads"; kept after the cleanup: the guide warns not
    to remove it before the 2.6 control plane is uninstalled, and it costs nothing after).
  While a ServiceMeshControlPlane runs, every tenant namespace stays its member, moved or not: its
  istiod (MultiTenant) discovers only members, so OSSM 2 callers keep reaching moved services, and
  a namespace added mid-migration still gets the root certificate ConfigMap whichever istiod holds
  the leader lock (same guide, the warning above "Install OpenShift Service Mesh 3.0"). Whenever a
  Sail Istio runs, every tenant namespace carries its discovery label, moved or not, so OSSM 3
  callers reach services still on OSSM 2 (cluster-wide/README.md, "Plan the migration").
  In a rollout overlay `<labelKeys.wave>: <wave>` names the tenant's wave (oc get ns -l ...).
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
  Reads: name, namespace, environment, membership, env.labelKeys, env.mesh.discoveryLabel,
  env.argocd.{namespace,clusterServer}, namespaceLabels, namespaceAnnotations.
-->
<#import "/lib/argocd.ftl" as argocd>
---
apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
  labels:
    ${env.labelKeys.tenant}: ${name}
    ${env.labelKeys.environment}: ${environment}
<#if membership.wave??>
    ${env.labelKeys.wave}: ${membership.wave}
</#if>
<#if membership.revision??>
    istio.io/rev: ${membership.revision}
</#if>
<#if membership.ignoreMaistra>
    maistra.io/ignore-namespace: "true"
</#if>
<#if membership.discovery>
    ${env.mesh.discoveryLabel}: enabled
</#if>
<#if argocd.inCluster()>
    argocd.argoproj.io/managed-by: ${env.argocd.namespace}
</#if>
<#list namespaceLabels as key, value>
<#if !(env.labelKeys?values?seq_contains(key)) && key != "istio.io/rev" && key != "maistra.io/ignore-namespace" && key != env.mesh.discoveryLabel && key != "argocd.argoproj.io/managed-by">
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
<#if membership.smcp??>
---
apiVersion: maistra.io/v1
kind: ServiceMeshMember
metadata:
  name: default
  namespace: ${namespace}
spec:
  controlPlaneRef:
    name: ${membership.smcp.name}
    namespace: ${membership.smcp.namespace}
</#if>
