<#--
  Mesh target facts (policy catalogue §1): which control planes run in the overlay and which
  apiVersion each Istio API group uses. Reads controlPlanes (render/ControlPlaneModel.java: the
  OSSM 2 ServiceMeshControlPlane `smcp` and the Sail `istio`, either or both during a rollout).
  While a ServiceMeshControlPlane runs, Istio objects use its API level (Istio 1.20: networking
  and security v1beta1, Telemetry v1alpha1): the Istio CRDs of every OSSM 3 release still serve
  those versions (shared/schemas/SOURCES.md, "Served versions"), so both control planes read the
  same objects; once it is gone, v1.
-->
<#-- An OSSM 2 ServiceMeshControlPlane runs: the overlay's own, or the one a rollout leaves. -->
<#function smcp><#return controlPlanes.smcp??></#function>
<#-- A Sail Istio runs (OSSM 3 or upstream Istio target). -->
<#function sail><#return controlPlanes.istio??></#function>
<#function api group>
  <#if smcp()>
    <#return {"networking": "networking.istio.io/v1beta1", "security": "security.istio.io/v1beta1", "telemetry": "telemetry.istio.io/v1alpha1"}[group]>
  </#if>
  <#return {"networking": "networking.istio.io/v1", "security": "security.istio.io/v1", "telemetry": "telemetry.istio.io/v1"}[group]>
</#function>
