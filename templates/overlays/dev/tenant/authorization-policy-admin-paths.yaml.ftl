<#--
  Trial of a platform DENY policy, in dev only (a new template path in an overlay adds a
  template): the debug and actuator endpoints of a service are not reachable from other
  namespaces, nor through the tenant's own ingress gateway. The gateway runs in the tenant's
  namespace, so "other namespaces" alone would let every outside client through it; it is named
  by its principal (its ServiceAccount) instead. Calls between the tenant's own services stay
  allowed. One policy per service with HTTP-family ports, limited to those ports, because Istio
  applies a DENY rule with HTTP-only fields to plain TCP traffic without those fields, which
  would deny all of it (https://istio.io/latest/docs/tasks/security/authorization/authz-tcp/).
  dev's overlay.yaml marks these policies dry-run (istio.io/dry-run): Istio evaluates and logs
  them without enforcing
  (https://istio.io/latest/docs/tasks/security/authorization/authz-dry-run/). Once the shadow
  decisions show no false positives, the template moves to templates/base and the patch goes.
  Reads: services[].{name,ports}, gateway.{enabled,principal}, namespace, controlPlanes (API level).
-->
<#import "/lib/mesh.ftl" as mesh>
<#list services as s>
<#assign httpPorts = s.ports?filter(p -> p.protocol == "HTTP" || p.protocol == "HTTP2" || p.protocol == "GRPC")>
<#if httpPorts?has_content>
---
apiVersion: ${mesh.api("security")}
kind: AuthorizationPolicy
metadata:
  name: ${s.name + "-deny-admin-paths"}
  namespace: ${namespace}
spec:
  selector:
    matchLabels:
      app: ${s.name}
  action: DENY
  rules:
  - from:
    - source:
        notNamespaces:
        - ${namespace}
<#if gateway.enabled>
    - source:
        principals:
        - ${gateway.principal}
</#if>
    to:
    - operation:
        ports:
<#list httpPorts as p>
        - ${p.port?c}
</#list>
        paths:
        - /debug/*
        - /actuator/*
</#if>
</#list>
