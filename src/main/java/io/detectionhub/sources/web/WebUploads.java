package io.detectionhub.sources.web;

import io.detectionhub.sources.ImportService;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;

/** Multipart files as uploads (empty parts, e.g. a form sent without a file, are left out). */
final class WebUploads {

    private WebUploads() {
    }

    static List<ImportService.Upload> of(List<MultipartFile> files) {
        return (files == null ? List.<MultipartFile>of() : files).stream().filter(f -> !f.isEmpty())
                .map(f -> new ImportService.Upload(f.getOriginalFilename() == null ? "upload" : f.getOriginalFilename(),
                        f)).toList();
    }
}
