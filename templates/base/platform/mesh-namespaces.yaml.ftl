<#--
  With a Sail Istio (also beside an OSSM 2 control plane): the namespaces of the control plane and of the CNI agent, labelled so istiod's
  discovery selectors select them. istiod ignores every object in a namespace its
  discoverySelectors do not match, the root namespace included, so without the label the root
  PeerAuthentication, Sidecar and Telemetry of this folder would have no effect
  (openshift-docs modules/ossm-using-discoveryselectors-scope-service-mesh.adoc: label the
  control-plane namespace; openshift-service-mesh/sail-operator docs/ossm/ambient/README.md
  labels istio-system and istio-cni alike). The IstioCNI resource needs its namespace to exist.
  Both survive their Application (`Delete=false,Prune=false`, lib/argocd.ftl). OSSM 2 joins
  namespaces through ServiceMeshMembers instead and has no discovery selectors.
  Reads: controlPlanes, env.mesh.{controlPlaneNamespace,cniNamespace,discoveryLabel}.
-->
<#import "/lib/mesh.ftl" as mesh>
<#import "/lib/argocd.ftl" as argocd>
<#if mesh.sail()>
<#list [env.mesh.controlPlaneNamespace, env.mesh.cniNamespace] as ns>
---
apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    ${env.mesh.discoveryLabel}: enabled
  annotations:
    argocd.argoproj.io/sync-options: ${argocd.keepOnDeletion()}
</#list>
</#if>
