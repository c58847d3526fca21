package io.plk.agent.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** Like an Ansible module result: nothing to do, something done, or failed. */
public enum Status {
    OK, CHANGED, FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
