#include "sim/force_field.h"

#include <memory>

namespace mtp {

namespace {

class MtpWorker : public ForceFieldWorker {
 public:
  explicit MtpWorker(std::shared_ptr<const MtpEvaluator> ev) : ev_(std::move(ev)) {}
  ForceResult compute(const Configuration& cfg, bool energy_gradient) override {
    EfsOptions opt;
    opt.forces = true;
    opt.energy_gradient = energy_gradient;
    EfsResult r = ev_->compute(cfg, opt, ws_);
    ForceResult out;
    out.energy = r.energy;
    out.forces = std::move(r.forces);
    out.plus_stress = r.plus_stress;
    out.energy_gradient = std::move(r.energy_gradient);
    return out;
  }
  EvalWorkspace* workspace() override { return &ws_; }

 private:
  std::shared_ptr<const MtpEvaluator> ev_;  // shared: a worker may outlive its ForceField
  EvalWorkspace ws_;
};

class MtpField : public ForceField {
 public:
  MtpField(MtpEvaluator ev, std::string description)
      : ev_(std::make_shared<const MtpEvaluator>(std::move(ev))), description_(std::move(description)) {}
  std::unique_ptr<ForceFieldWorker> worker() const override { return std::make_unique<MtpWorker>(ev_); }
  std::string description() const override { return description_; }
  const MtpEvaluator* mtp() const override { return ev_.get(); }

 private:
  std::shared_ptr<const MtpEvaluator> ev_;
  std::string description_;
};

class EamWorker : public ForceFieldWorker {
 public:
  explicit EamWorker(std::shared_ptr<const EamModel> model) : model_(std::move(model)) {}
  ForceResult compute(const Configuration& cfg, bool) override {
    EamResult r = model_->evaluate(cfg);
    ForceResult out;
    out.energy = r.energy;
    out.forces = std::move(r.forces);
    out.plus_stress = r.plus_stress;
    return out;
  }

 private:
  std::shared_ptr<const EamModel> model_;
};

class EamField : public ForceField {
 public:
  explicit EamField(EamModel model) : model_(std::make_shared<const EamModel>(std::move(model))) {}
  std::unique_ptr<ForceFieldWorker> worker() const override { return std::make_unique<EamWorker>(model_); }
  std::string description() const override { return model_->description(); }
  const EamModel* eam() const override { return model_.get(); }

 private:
  std::shared_ptr<const EamModel> model_;
};

}  // namespace

std::unique_ptr<ForceField> mtpForceField(MtpEvaluator evaluator, std::string description) {
  return std::make_unique<MtpField>(std::move(evaluator), std::move(description));
}

std::unique_ptr<ForceField> eamForceField(EamModel model) { return std::make_unique<EamField>(std::move(model)); }

}  // namespace mtp
