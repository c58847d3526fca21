package io.plk.lab;

/** A broker host of the lab: its node id and AZ ID as the inventory gives them, and its private address. */
public record LabBroker(int nodeId, String azId, String privateIp, LabHost host) {
}
