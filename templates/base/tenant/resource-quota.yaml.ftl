<#--
  No exposure around the tenant's gateway: a Service of type LoadBalancer or NodePort would
  publish pods past the ingress gateway, its TLS and its AuthorizationPolicies, so the quota for
  both is zero (`services.loadbalancers`, `services.nodeports`: Kubernetes docs, "Resource
  Quotas", object count quota). Tenant teams cannot change it: their Argo CD project denies
  ResourceQuota and the namespace admin role does not grant writing quotas.
  Reads: namespace.
-->
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: no-external-services
  namespace: ${namespace}
spec:
  hard:
    services.loadbalancers: "0"
    services.nodeports: "0"
