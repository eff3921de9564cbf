<#--
  The namespace's one selector-less Sidecar: scopes proxy configuration to what the tenant uses
  (own namespace, control plane, the services it calls, its external hosts) and makes unknown
  destinations fail (REGISTRY_ONLY, written explicitly). Scoping keeps push size and convergence
  time down at 1000+ proxies; it is not the security boundary (NetworkPolicy is).
  Reads: namespace, callees[].{namespace,fqdn}, egress[].host, env.mesh.controlPlaneNamespace.
-->
<#import "/lib/mesh.ftl" as mesh>
---
apiVersion: ${mesh.api("networking")}
kind: Sidecar
metadata:
  name: default
  namespace: ${namespace}
spec:
  egress:
  - hosts:
    - ./*
    - ${env.mesh.controlPlaneNamespace + "/*"}
<#list callees as c>
    - ${c.namespace + "/" + c.fqdn}
</#list>
<#list egress as e>
    - ${"./" + e.host}
</#list>
  outboundTrafficPolicy:
    mode: REGISTRY_ONLY
