<#--
  Root-namespace default Sidecar for namespaces without their own: own namespace and control
  plane only, REGISTRY_ONLY. Reads: env.mesh.controlPlaneNamespace, controlPlanes (API level).
-->
<#import "/lib/mesh.ftl" as mesh>
---
apiVersion: ${mesh.api("networking")}
kind: Sidecar
metadata:
  name: default
  namespace: ${env.mesh.controlPlaneNamespace}
spec:
  egress:
  - hosts:
    - ./*
    - ${env.mesh.controlPlaneNamespace + "/*"}
  outboundTrafficPolicy:
    mode: REGISTRY_ONLY
