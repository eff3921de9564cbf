<#--
  The control plane with the hardening of policy catalogue §5.1/§5.2, once per overlay.
  OSSM 2: ServiceMeshControlPlane (mTLS control and data plane, automtls, REGISTRY_ONLY,
  ThirdParty tokens, operator-managed NetworkPolicies off so the tenant policies are the only
  ones, no shared gateways, mesh Prometheus/Grafana off in favour of user-workload monitoring,
  Kiali view-only, sampling from the overlay, gateways scoped to their namespace) and a
  RoleBinding giving Argo CD's controller `use` on it (needed to create ServiceMeshMembers).
  OSSM 3: Sail Istio (same intent through meshConfig, discovery selectors, local exportTo
  defaults), IstioRevisionTag env.mesh.revision following its active revision (namespaces keep
  istio.io/rev across upgrades) or, with a rollout, one tag per wave (below), IstioCNI.
  Both targets declare the extension providers the Telemetry objects name: `prometheus` (Istio
  request metrics for user-workload monitoring; openshift-docs modules/ossm-integrating-with-
  user-workload-monitoring.adoc) and the OpenTelemetry tracing collector (env.telemetry.tracing).
  OSSM 2 specifics: mesh-wide STRICT mTLS is the SMCP's own PeerAuthentication
  `<namespace>/default`, created from security.dataPlane.mtls (maistra/istio-operator
  resources/helm/v2.5/mesh-config/templates/enable-mesh-mtls.yaml), so no template renders a
  second owner of it; the Prometheus add-on is off but the merged scrape endpoint stays on
  (addons.prometheus.scrape, pkg/apis/maistra/v2/prometheus.go); Kiali is the CR named
  env.kiali.name that kiali.yaml.ftl renders (the operator uses an existing CR of that name
  and only patches its istio settings: pkg/controller/versions/strategy_v2_5.go,
  pkg/controller/servicemesh/controlplane/addons.go).
  Both at once (controlPlanes.smcp and controlPlanes.istio) while a rollout moves namespaces
  from OSSM 2.6 to 3: the Istio in the SMCP's own namespace, so both istiods sign with the same
  root certificate (istio-ca-secret) and trust domain, which keeps calls between moved and
  unmoved namespaces working (openshift-service-mesh/sail-operator docs/ossm/ossm2-migration/
  cluster-wide/README.md, "Plan the migration"; multi-tenancy/README.md); the SMCP as the
  pre-migration checklist wants it (docs/ossm/ossm2-migration/README.md: network policies,
  Prometheus, Grafana and Kiali add-ons, tracing, default gateways and IOR off), so its Kiali
  add-on is off and the Kiali CR stands alone; IstioCNI installed. Then one IstioRevisionTag per
  wave, each pinned to the IstioRevision of its wave's version (kind IstioRevision, never Istio:
  a tag following the Istio's active revision would move every wave at once when mesh.version
  changes); the operator keeps a revision while a tag or a pod uses it (sail-operator
  controllers/istiorevision/istiorevision_controller.go, isRevisionReferenced) and deletes it
  after spec.updateStrategy.inactiveRevisionDeletionGracePeriodSeconds once none does.
  The control plane survives its Application: `Delete=false,Prune=false` (lib/argocd.ftl).
  Reads: controlPlanes, env.mesh, env.controlPlaneTls, env.telemetry.{meshTracingPercent,tracing},
  env.kiali.name, env.argocd.{controllerNamespace,controllerServiceAccount}.
-->
<#import "/lib/mesh.ftl" as mesh>
<#import "/lib/yaml.ftl" as y>
<#import "/lib/argocd.ftl" as argocd>
<#-- A flow list, so it sits at the indentation of either target's meshConfig. -->
<#macro extensionProviders>[{name: prometheus, prometheus: {}}, {name: ${env.telemetry.tracing.provider}, opentelemetry: {service: ${env.telemetry.tracing.collectorService + "." + env.mesh.controlPlaneNamespace + ".svc.cluster.local"}, port: ${y.int(env.telemetry.tracing.port)}}}]</#macro>
<#if mesh.smcp()>
---
apiVersion: maistra.io/v2
kind: ServiceMeshControlPlane
metadata:
  name: ${controlPlanes.smcp.name}
  namespace: ${controlPlanes.smcp.namespace}
  annotations:
    argocd.argoproj.io/sync-options: ${argocd.keepOnDeletion()}
spec:
  version: ${controlPlanes.smcp.version}
  mode: MultiTenant
  security:
    manageNetworkPolicy: false
    identity:
      type: ThirdParty
    trust:
      domain: ${env.mesh.trustDomain}
    dataPlane:
      mtls: true
      automtls: true
    controlPlane:
      mtls: true
      tls:
        minProtocolVersion: ${env.controlPlaneTls.minProtocolVersion}
        cipherSuites:
<#list env.controlPlaneTls.cipherSuites as c>
        - ${c}
</#list>
  proxy:
    networking:
      trafficControl:
        outbound:
          policy: REGISTRY_ONLY
  tracing:
    type: None
    sampling: ${y.int((env.telemetry.meshTracingPercent * 100)?round)}
  meshConfig:
    extensionProviders: <@extensionProviders/>
  gateways:
    enabled: false
    openshiftRoute:
      enabled: false
  addons:
    prometheus:
      enabled: false
      scrape: true
    grafana:
      enabled: false
    kiali:
<#if controlPlanes.smcp.managesKiali>
      enabled: true
      name: ${env.kiali.name}
<#else>
      enabled: false
</#if>
  runtime:
    components:
      pilot:
        container:
          env:
            PILOT_SCOPE_GATEWAY_TO_NAMESPACE: "true"
            PILOT_FILTER_GATEWAY_CLUSTER_CONFIG: "true"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: argocd-mesh-user
  namespace: ${env.mesh.controlPlaneNamespace}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: mesh-user
subjects:
- kind: ServiceAccount
  name: ${env.argocd.controllerServiceAccount}
  namespace: ${env.argocd.controllerNamespace}
</#if>
<#if mesh.sail()>
---
apiVersion: sailoperator.io/v1
kind: Istio
metadata:
  name: ${controlPlanes.istio.name}
  annotations:
    argocd.argoproj.io/sync-options: ${argocd.keepOnDeletion()}
spec:
  namespace: ${controlPlanes.istio.namespace}
  version: ${controlPlanes.istio.version}
  updateStrategy:
    type: RevisionBased
  values:
    meshConfig:
      trustDomain: ${env.mesh.trustDomain}
      outboundTrafficPolicy:
        mode: REGISTRY_ONLY
      discoverySelectors:
      - matchLabels:
          ${env.mesh.discoveryLabel}: enabled
      defaultVirtualServiceExportTo:
      - .
      defaultDestinationRuleExportTo:
      - .
      meshMTLS:
        minProtocolVersion: ${env.mesh.meshMtlsMinProtocolVersion}
      tlsDefaults:
        minProtocolVersion: ${env.ingress.minProtocolVersion}
        ecdhCurves:
        - X25519
        - P-256
      pathNormalization:
        normalization: ${env.mesh.pathNormalization}
      enablePrometheusMerge: true
      extensionProviders: <@extensionProviders/>
    pilot:
      env:
        PILOT_SCOPE_GATEWAY_TO_NAMESPACE: "true"
        PILOT_FILTER_GATEWAY_CLUSTER_CONFIG: "true"
<#list controlPlanes.tags as tag>
---
apiVersion: sailoperator.io/v1
kind: IstioRevisionTag
metadata:
  name: ${tag.name}
  annotations:
    argocd.argoproj.io/sync-options: ${argocd.keepOnDeletion()}
spec:
  targetRef:
    kind: ${tag.targetKind}
    name: ${tag.targetName}
</#list>
---
apiVersion: sailoperator.io/v1
kind: IstioCNI
metadata:
  name: default
  annotations:
    argocd.argoproj.io/sync-options: ${argocd.keepOnDeletion()}
spec:
  namespace: ${env.mesh.cniNamespace}
  version: ${controlPlanes.istio.version}
</#if>
