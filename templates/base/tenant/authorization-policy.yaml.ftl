<#--
  Default deny plus explicit allows. `allow-nothing` (spec: {}) selects every workload; each
  service with callers gets one ALLOW policy with one rule per caller: the caller's principal
  (positive match only) and optional methods/paths, limited to the ports the rule covers (its
  `ports`, else every port of the service). Callers whose tenant does not render to this overlay
  are left out. The tenant's ingress gateway, selected by allow-nothing too, is allowed only for
  its own hosts on its TLS port.
  Upstream facts this relies on:
  - operation.ports match the port the workload's proxy receives on, the container port
    (istio/api security/v1beta1/authorization.proto, Operation.ports); the tenant contract makes
    it equal to the Service port (README "The tenant contract").
  - a rule with HTTP-only fields (methods, paths) never matches TCP or TLS traffic, so an ALLOW
    rule with them admits nothing on such a port
    (https://istio.io/latest/docs/tasks/security/authorization/authz-tcp/): descriptor validation
    refuses methods and paths on a rule covering a TCP or TLS port (ALLOW-L7-ON-TCP).
  Reads: services[].{name,allowRules[].{principal,ports,methods,paths}}, gateway, namespace,
  controlPlanes (API level).
-->
<#import "/lib/mesh.ftl" as mesh>
---
apiVersion: ${mesh.api("security")}
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: ${namespace}
spec: {}
<#list services?filter(s -> s.allowRules?has_content) as s>
---
apiVersion: ${mesh.api("security")}
kind: AuthorizationPolicy
metadata:
  name: ${s.name + "-allow"}
  namespace: ${namespace}
spec:
  selector:
    matchLabels:
      app: ${s.name}
  action: ALLOW
  rules:
<#list s.allowRules as r>
  - from:
    - source:
        principals:
        - ${r.principal}
    to:
    - operation:
        ports:
<#list r.ports as p>
        - ${p?c}
</#list>
<#if r.methods?has_content>
        methods:
<#list r.methods as m>
        - ${m}
</#list>
</#if>
<#if r.paths?has_content>
        paths:
<#list r.paths as path>
        - ${path}
</#list>
</#if>
</#list>
</#list>
<#if gateway.enabled>
---
apiVersion: ${mesh.api("security")}
kind: AuthorizationPolicy
metadata:
  name: ingress-gateway-allow
  namespace: ${namespace}
spec:
  selector:
    matchLabels:
      istio: ${gateway.name}
  action: ALLOW
  rules:
  - to:
    - operation:
        hosts:
<#list gateway.hosts as h>
        - ${h.fqdn}
        - ${h.fqdn + ":*"}
</#list>
        ports:
        - "8443"
</#if>
