<#--
  Namespace of the tenant in this overlay and its mesh membership.
  Enforces: the namespace name comes from the platform (tenant + namespaceSuffix), never from the
  tenant; membership follows the mesh target: OSSM 2 joins through a ServiceMeshMember named
  `default` (no injection label: OSSM 2 injects per pod), OSSM 3 through the revision label plus
  the discovery label istiod watches (one injection label only, never istio-injection).
  Tenant labels and annotations (spec.namespaceMetadata) passed GUARD-NAMESPACE-LABEL; a key the
  platform sets here is still skipped, so platform labels always win.
  Reads: name, namespace, environment, env.labelKeys, env.mesh.{target,revision,discoveryLabel,
  controlPlaneName,controlPlaneNamespace}, namespaceLabels, namespaceAnnotations.
-->
<#import "/lib/mesh.ftl" as mesh>
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
<#list namespaceLabels as key, value>
<#if key != env.labelKeys.tenant && key != env.labelKeys.environment && key != "istio.io/rev" && key != env.mesh.discoveryLabel>
    ${key}: ${value}
</#if>
</#list>
<#if namespaceAnnotations?has_content>
  annotations:
<#list namespaceAnnotations as key, value>
    ${key}: ${value}
</#list>
</#if>
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
