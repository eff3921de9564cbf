<#--
  Namespace-wide STRICT mTLS. Not tenant-tunable: the tenant's Argo CD project denies
  PeerAuthentication, so nothing in the namespace can weaken it. Reads: namespace, controlPlanes (API level).
-->
<#import "/lib/mesh.ftl" as mesh>
---
apiVersion: ${mesh.api("security")}
kind: PeerAuthentication
metadata:
  name: default
  namespace: ${namespace}
spec:
  mtls:
    mode: STRICT
