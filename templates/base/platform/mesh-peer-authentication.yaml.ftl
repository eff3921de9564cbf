<#--
  Mesh-wide STRICT mTLS in the root namespace: a namespace that lacks its own policy is still
  strict. Selector-less on purpose (a root policy with a selector is ignored).
  Reads: env.mesh.{controlPlaneNamespace,target}.
-->
<#import "/lib/mesh.ftl" as mesh>
---
apiVersion: ${mesh.api("security")}
kind: PeerAuthentication
metadata:
  name: default
  namespace: ${env.mesh.controlPlaneNamespace}
spec:
  mtls:
    mode: STRICT
