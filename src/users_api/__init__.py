"""The Users API Lambda function. Entry point: users_api.app.lambda_handler."""
