<#--
  The namespace's one selector-less Sidecar: scopes proxy configuration to what the tenant uses
  (own namespace, control plane, the services it calls) and makes unknown destinations fail
  (REGISTRY_ONLY, written explicitly). The tenant's external hosts need no entry: their
  ServiceEntries live in its own namespace, which "./*" already imports (policy catalogue §3.7;
  https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener), and an
  entry that changes nothing is one a reviewer cannot judge. Scoping keeps push size and
  convergence time down at 1000+ proxies; it is not the security boundary (NetworkPolicy is).
  Reads: namespace, callees[].{namespace,fqdn}, env.mesh.controlPlaneNamespace.
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
  outboundTrafficPolicy:
    mode: REGISTRY_ONLY
