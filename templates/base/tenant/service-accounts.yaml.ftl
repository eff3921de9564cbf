<#--
  One ServiceAccount per service: the service's mTLS identity
  (<trustDomain>/ns/<namespace>/sa/<service>) that every AuthorizationPolicy keys on. Never
  shared, never `default`. No API token is mounted (the sidecar gets its own projected token).
  Reads: services[].name, namespace.
-->
<#list services as s>
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${s.name}
  namespace: ${namespace}
automountServiceAccountToken: false
</#list>
