<#--
  How outside traffic reaches the tenant's ingress gateway: one OpenShift Route per ingress host,
  to the tenant's own gateway Service `<namespace>-ingress`, port `https`, with TLS passthrough:
  the router forwards the TLS stream by SNI and the gateway terminates it with the host's
  certificate (the Gateway's credentialName secret), so the router never sees plain traffic and
  needs no certificate. Plain HTTP is answered by the router as the platform value
  env.ingress.insecureEdgeTerminationPolicy says: Redirect (to https) or None (refused).
  No Route is rendered for anything else, so a tenant is reachable from outside exactly on the
  hosts its descriptor claims (one owner per host: GUARD-INGRESS-HOST-OWNER; checked again on the
  output: INV-ROUTE).
  Upstream facts this relies on:
  - neither control plane creates Routes: the OSSM 2.6 SMCP turns IOR off
    (gateways.openshiftRoute.enabled: false in control-plane.yaml.ftl) and OSSM 3 has no IOR
    (openshift-service-mesh/sail-operator docs/ossm/ossm2-migration/README.md: IOR is unsupported in
    3.0 and must be off before migrating).
  - Route fields (openshift/api route/v1 types.go): spec.to must be a Service; port.targetPort
    names the Service port; passthrough allows insecureEdgeTerminationPolicy None or Redirect
    only, and no spec.path (openshift/library-go pkg/route/validation/validation.go); whoever
    creates a Route with spec.host needs `create` on routes/custom-host in its namespace
    (openshift/library-go pkg/route/hostassignment/assignment.go).
  - the router reaches the gateway pods directly on the Service's target port 8443; the
    NetworkPolicy allow-router-to-gateway admits it (network-policy.yaml.ftl).
  Reads: gateway.{enabled,name,hosts[].{fqdn,resourceName}}, namespace,
  env.ingress.insecureEdgeTerminationPolicy.
-->
<#if gateway.enabled>
<#list gateway.hosts as h>
---
apiVersion: route.openshift.io/v1
kind: Route
metadata:
  name: ${h.resourceName}
  namespace: ${namespace}
spec:
  host: ${h.fqdn}
  to:
    kind: Service
    name: ${gateway.name}
  port:
    targetPort: https
  tls:
    termination: passthrough
    insecureEdgeTerminationPolicy: ${env.ingress.insecureEdgeTerminationPolicy}
  wildcardPolicy: None
</#list>
</#if>
