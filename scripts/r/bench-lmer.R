#!/usr/bin/env Rscript
# R's side of the analysis benchmark (bench/analysis.ts, `npm run bench -- --only analysis`):
#   Rscript scripts/r/bench-lmer.R trial.csv
# Reads the generated long CSV, fits the mixed model `kindred analyze` fits (outcome at the
# follow-ups ~ arm + month + baseline outcome + (1 | participant), REML, lme4's default optimiser)
# and prints the times and the results as JSON.
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})
file <- commandArgs(trailingOnly = TRUE)[1]
read_time <- system.time({
  d <- read.csv(file, na.strings = c("", "NA"), colClasses = c(participant = "character", month = "character"))
})[["elapsed"]]
base <- d[d$month == "0", c("participant", "bpi")]
names(base)[2] <- "baseline"
arm <- d[d$month == "0", c("participant", "arm")]
long <- merge(d[d$month != "0", c("participant", "month", "bpi")], base, by = "participant")
long <- merge(long, arm, by = "participant")
long <- long[!is.na(long$bpi) & !is.na(long$baseline), ]
long$arm <- factor(long$arm, levels = c("control", "coached"))
long$month <- factor(long$month, levels = c("3", "6"))
timing <- system.time(fit <- lmer(bpi ~ arm + month + baseline + (1 | participant), data = long, REML = TRUE))
vc <- as.data.frame(VarCorr(fit))
est <- fixef(fit)
names(est) <- c("intercept", "arm", "time:6", "baseline")
se <- sqrt(diag(as.matrix(vcov(fit))))
names(se) <- names(est)
cat(toJSON(list(
  version = paste("lme4", as.character(packageVersion("lme4")), "on", R.version.string),
  read_seconds = read_time, lmer_seconds = timing[["elapsed"]],
  lmer_cpu_seconds = timing[["user.self"]] + timing[["sys.self"]],
  estimates = as.list(est), se = as.list(se),
  sd_participant = vc$sdcor[vc$grp == "participant"], sd_residual = sigma(fit), reml_criterion = REMLcrit(fit)
), auto_unbox = TRUE, digits = NA))
