<#--
  Mesh-wide STRICT mTLS in the root namespace: a namespace that lacks its own policy is still
  strict. Selector-less on purpose (a root policy with a selector is ignored).
  Only while no ServiceMeshControlPlane runs. On OSSM 2, and beside one during a rollout (both
  control planes read the same root namespace), the ServiceMeshControlPlane creates and owns this very object
  (`<controlPlaneNamespace>/default`, STRICT while security.dataPlane.mtls is true: maistra/
  istio-operator resources/helm/v2.5/mesh-config/templates/enable-mesh-mtls.yaml), so a second
  owner would fight the operator; control-plane.yaml.ftl sets that switch instead.
  INV-MESH-MTLS-OWNER checks that exactly one of the two owns it.
  Reads: env.mesh.controlPlaneNamespace, controlPlanes.
-->
<#import "/lib/mesh.ftl" as mesh>
<#if !mesh.smcp()>
---
apiVersion: ${mesh.api("security")}
kind: PeerAuthentication
metadata:
  name: default
  namespace: ${env.mesh.controlPlaneNamespace}
spec:
  mtls:
    mode: STRICT
</#if>
