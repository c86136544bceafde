package io.detectionhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DetectionHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(DetectionHubApplication.class, args);
    }
}
