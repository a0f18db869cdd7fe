//! The vendor's four environments (contract: "Hosts and authentication").

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    #[value(name = "uat-eu")]
    UatEu,
    #[value(name = "uat-asia")]
    UatAsia,
    #[value(name = "prod-eu")]
    ProdEu,
    #[value(name = "prod-asia")]
    ProdAsia,
}

impl Environment {
    pub fn name(self) -> &'static str {
        match self {
            Environment::UatEu => "uat-eu",
            Environment::UatAsia => "uat-asia",
            Environment::ProdEu => "prod-eu",
            Environment::ProdAsia => "prod-asia",
        }
    }

    pub fn base_url(self) -> &'static str {
        match self {
            Environment::UatEu => "https://api-uat.knowyourcustomer.com",
            Environment::UatAsia => "https://api-uathk.knowyourcustomer.com",
            Environment::ProdEu => "https://api.knowyourcustomer.com",
            Environment::ProdAsia => "https://api-asia.knowyourcustomer.com",
        }
    }

    pub fn is_production(self) -> bool {
        matches!(self, Environment::ProdEu | Environment::ProdAsia)
    }
}
