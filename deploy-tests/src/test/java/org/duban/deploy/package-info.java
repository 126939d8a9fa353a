/**
 * Checks of what is deployed (deploy/): container images, the Kubernetes manifests (Kustomize, Strimzi,
 * CloudNativePG), the Compose file, and that every configuration key and topic the code uses is declared there.
 */
package org.duban.deploy;
