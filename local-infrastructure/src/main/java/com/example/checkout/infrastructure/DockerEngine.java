package com.example.checkout.infrastructure;

import org.testcontainers.DockerClientFactory;

/** Whether containers can run here: Testcontainers is on the classpath and finds a Docker engine. */
final class DockerEngine {

    private DockerEngine() {
    }

    static boolean isAvailable() {
        if (!isTestcontainersPresent()) {
            return false;
        }
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static boolean isTestcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, DockerEngine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
