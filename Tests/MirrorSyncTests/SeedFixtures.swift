/// The providers' own example payloads, copied verbatim from the API documents the product was
/// specified from (shared/seeds): the adapters and the normalizer must read them as documented.
/// Telnyx's document shows the update body only, so its list item is that body plus the `id` and
/// `created_at` every InferenceEmbedding carries (research/providers.md §3.3).
enum SeedFixtures {
    /// PureTalk `GET /ai-assistants` (seed 002): the DRF envelope.
    static let pureTalkList = #"""
        {
          "count": 100,
          "next": "https://api.puretalk.ai/api/ai-assistants/?page=2",
          "previous": "https://api.puretalk.ai/api/ai-assistants/?page=1",
          "results": [
            {
              "user": {
                "name": "<string>",
                "dp": "<string>",
                "email": "[email protected]"
              },
              "voice": {
                "voice_id": "<string>",
                "name": "<string>",
                "avatar": "<string>",
                "gender": "<string>",
                "demo_audio_url": "<string>",
                "is_cloned": true,
                "language": "<string>",
                "description": "<string>"
              },
              "llm_states": [
                "<unknown>"
              ],
              "phone_number": "<string>",
              "variables": [
                "<unknown>"
              ],
              "knowledge_base": "<string>",
              "assistant_id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
              "name": "<string>",
              "prompt": "<string>",
              "model": "<string>",
              "who_speaks_first": "assistant",
              "begin_message": "<string>",
              "assistant_type": "<string>",
              "avatar": "<string>",
              "custom_knowledge_base": "<string>",
              "timezone": "<string>",
              "voice_stability": 0.5,
              "voice_clarity_similarity": 0.5,
              "voice_stream_latency_optimization": 2,
              "voice_boost": true,
              "voice_speed": 123,
              "voice_emotion": [
                "<unknown>"
              ],
              "call_recording_enabled": true,
              "reminder_message_frequency": 123,
              "max_reminder_messages": 123,
              "post_analysis": "<string>",
              "chatbot_logo": "<string>",
              "chatbot_accent_color": "<string>",
              "chatbot_faq": "<string>",
              "chatbot_whitelisted_domains": [
                "<string>"
              ],
              "chatbot_begin_message": "<string>",
              "tools": "<string>",
              "created_at": "2023-11-07T05:31:56Z",
              "updated_at": "2023-11-07T05:31:56Z",
              "behavior": 123
            }
          ]
        }
        """#
    /// PureTalk `PATCH /ai-assistants/{id}` response (seed 000): the `{msg, err, results}` wrapper of GET-one.
    static let pureTalkOne = #"""
        {
          "msg": "<string>",
          "err": true,
          "results": {
            "assistant_id": "123e4567-e89b-12d3-a456-426614174000",
            "name": "My AI Assistant",
            "prompt": "Hello, how are you?",
            "model": "gpt-3.5-turbo",
            "who_speaks_first": "assistant",
            "begin_message": "Hello, how are you?",
            "assistant_type": "single_prompt",
            "avatar": "<string>",
            "custom_knowledge_base": "<string>",
            "timezone": "<string>",
            "voice_stability": 0.5,
            "voice_clarity_similarity": 0.5,
            "voice_stream_latency_optimization": 2,
            "voice_boost": false,
            "voice_speed": 0,
            "voice_emotion": [],
            "call_recording_enabled": true,
            "reminder_message_frequency": 1,
            "max_reminder_messages": 1,
            "post_analysis": "<string>",
            "chatbot_logo": "<string>",
            "chatbot_accent_color": "<string>",
            "chatbot_faq": "<string>",
            "chatbot_whitelisted_domains": [
              "<string>"
            ],
            "chatbot_begin_message": "<string>",
            "tools": "<string>",
            "created_at": "2023-11-07T05:31:56Z",
            "updated_at": "2023-11-07T05:31:56Z",
            "behavior": 1,
            "user": {
              "name": "<string>",
              "dp": "<string>",
              "email": "[email protected]"
            },
            "voice": {
              "voice_id": "<string>",
              "name": "<string>",
              "avatar": "<string>",
              "gender": "<string>",
              "demo_audio_url": "<string>",
              "is_cloned": true,
              "language": "<string>",
              "description": "<string>"
            }
          }
        }
        """#
    /// Invent assistant (seed 001), as the list's bare array holds it.
    static let inventAssistant = #"""
        {
          "id": "<string>",
          "name": "<string>",
          "enabled": true,
          "secret_key": "<string>",
          "avatar_url": "<string>",
          "config": {
            "language": "auto",
            "model": "<string>",
            "stt": {
              "model": "<string>"
            },
            "tts": {
              "model": "<string>",
              "voice_id": "<string>"
            },
            "conversation": {
              "thread_mode": "new",
              "enable_memories": true,
              "enable_transfer_to_human_tool": true,
              "welcome_banner": "<string>",
              "suggested_messages": [
                "<string>"
              ],
              "auto_intro_message": "<string>",
              "enable_end_conversation_tool": true,
              "enable_block_contact_tool": true,
              "enable_private_chats": true
            },
            "knowledge_scope": "all",
            "instructions": "<string>"
          },
          "integrations": [
            {
              "id": "<string>",
              "enabled": true,
              "integration_id": "internal",
              "assistant_id": "<string>",
              "connection_id": "<string>",
              "config": {},
              "error": "<string>",
              "created_at": "2023-12-25",
              "updated_at": "2023-12-25"
            }
          ],
          "actions": [
            {
              "id": "<string>",
              "enabled": true,
              "name": "<string>",
              "instructions": "<string>",
              "action_id": "<string>",
              "assistant_id": "<string>",
              "connection_id": "<string>",
              "config": {
                "input": {},
                "definitions": [
                  {
                    "path": "<string>",
                    "definition": {}
                  }
                ]
              },
              "created_at": "2023-12-25",
              "updated_at": "2023-12-25"
            }
          ],
          "created_at": "2023-12-25",
          "updated_at": "2023-12-25"
        }
        """#
    /// Telnyx assistant (seed 003 update body + id and created_at).
    static let telnyxAssistant = #"""
        {
          "id": "4b6e0ff0-2cf1-4c37-9a55-3a5d3a2c1f0e",
          "created_at": "2024-07-29T15:51:28.071Z",
          "name": "string",
          "model": "string",
          "instructions": "string",
          "tools": [
            {
              "type": "book_appointment",
              "book_appointment": {
                "event_type_id": 0,
                "api_key_ref": "my_calcom_api_key",
                "attendee_name": "string",
                "attendee_timezone": "string"
              }
            },
            {
              "type": "check_availability",
              "check_availability": {
                "event_type_id": 0,
                "api_key_ref": "my_calcom_api_key"
              }
            },
            {
              "type": "webhook",
              "webhook": {
                "name": "string",
                "description": "string",
                "url": "https://example.com/api/v1/function",
                "method": "POST",
                "headers": [
                  {
                    "name": "string",
                    "value": "string"
                  }
                ],
                "body_parameters": {
                  "properties": {
                    "age": {
                      "description": "The age of the customer.",
                      "type": "integer"
                    },
                    "location": {
                      "description": "The location of the customer.",
                      "type": "string"
                    }
                  },
                  "required": [
                    "age",
                    "location"
                  ],
                  "type": "object"
                },
                "path_parameters": {
                  "properties": {
                    "id": {
                      "description": "The id of the customer.",
                      "type": "string"
                    }
                  },
                  "required": [
                    "id"
                  ],
                  "type": "object"
                },
                "query_parameters": {
                  "properties": {
                    "page": {
                      "description": "The page number.",
                      "type": "integer"
                    }
                  },
                  "required": [
                    "page"
                  ],
                  "type": "object"
                }
              }
            },
            {
              "type": "hangup",
              "hangup": {
                "description": "This tool is used to hang up the call."
              }
            },
            {
              "type": "transfer",
              "transfer": {
                "targets": [
                  {
                    "name": "Support",
                    "to": "+13129457420"
                  }
                ],
                "from": "+35319605860"
              }
            },
            {
              "type": "retrieval",
              "retrieval": {
                "bucket_ids": [
                  "string"
                ],
                "max_num_results": 0
              }
            }
          ],
          "description": "string",
          "greeting": "string",
          "llm_api_key_ref": "string",
          "voice_settings": {
            "voice": "string",
            "api_key_ref": "string"
          },
          "transcription": {
            "model": "string"
          },
          "telephony_settings": {
            "default_texml_app_id": "string"
          },
          "messaging_settings": {
            "default_messaging_profile_id": "string",
            "delivery_status_webhook_url": "string"
          },
          "enabled_features": [
            "telephony"
          ],
          "insight_settings": {
            "insight_group_id": "string"
          },
          "dynamic_variables_webhook_url": "string",
          "dynamic_variables": {}
        }
        """#
    /// Interactly assistant (seed 004 response).
    static let interactlyAssistant = #"""
        {
          "name": "My Assistant",
          "welcomeMessage": "Hello! How can I help you?",
          "welcomeMessageMode": "assistant-speaks-first",
          "welcomeMessageInterruptionsEnabled": false,
          "assistantProvider": "openai",
          "assistantModel": "gpt-4o-mini",
          "assistantLLMUrl": "<string>",
          "assistantSystemPrompt": "You are AI assistant to help patients with their health care needs.",
          "assistantTemperature": 0,
          "assistantMaxTokens": 256,
          "assistantResponseSplitter": ",",
          "config": {
            "speech": {
              "stt": {
                "vendor": "microsoft",
                "languages": "en-US"
              },
              "ttsData": [
                {
                  "vendor": "eleven-labs",
                  "language": "en-US",
                  "voice": "ZeK6O9RfGNGj0cJT2HoJ"
                }
              ]
            }
          },
          "hints": [
            "<string>"
          ],
          "backgroundSound": "enable",
          "backgroundSoundVolume": 50,
          "assistantBackchannelingEnabled": false,
          "dtmfInputEnabled": false,
          "maxCallDuration": 900,
          "idleTimeout": 20,
          "maxIdleMessagesInSequence": 3,
          "startSpeakingOptions": {
            "waitSeconds": 0,
            "smartEndpointing": "Interactly",
            "onPunctuationSeconds": 0,
            "onNoPunctuationSeconds": 0,
            "onNumberSeconds": 0,
            "LiveKitBaseValue": 100,
            "LiveKitScaleValue": 1000
          },
          "stopSpeakingOptions": {
            "numberOfWords": 3,
            "voiceSeconds": 0
          },
          "assistantToolIds": [],
          "assistantPredefinedTools": {
            "knowledgeBase": false,
            "endCall": false,
            "appointment": false,
            "volumeControl": false,
            "waitList": false,
            "callForward": false
          },
          "assistantKnowledgeBaseIds": [],
          "endCallMessage": "Goodbye!",
          "endCallToolDescription": "Trigger the end call only when the user is done with the conversation.",
          "endCallPhrases": [
            "goodbye",
            "bye"
          ],
          "callForwardData": {
            "phoneNumber": "+1234567890",
            "extension": "",
            "name": "call-forward-name"
          },
          "assistantAnalysis": {
            "summary": {
              "enabled": false,
              "prompt": "Generate a summary of the call.",
              "timeoutSeconds": 30
            },
            "successEvaluation": {
              "enabled": false,
              "prompt": "Evaluate the success of the call.",
              "rubric": "NumericScale",
              "timeoutSeconds": 30
            },
            "structuredData": {
              "enabled": false,
              "prompt": "Extract structured data from the call.",
              "timeoutSeconds": 30,
              "schema": {
                "type": "object",
                "properties": {
                  "name": {
                    "type": "string",
                    "description": "This is the name of the user.",
                    "example": "John Doe"
                  },
                  "dob": {
                    "type": "string",
                    "format": "date",
                    "description": "This is the date of birth of the user.",
                    "example": "1990-03-08"
                  }
                }
              }
            }
          },
          "assistantOverrides": {
            "welcomeMessage": "Hello, how can I help you today?",
            "welcomeMessageMode": "assistant-speaks-first",
            "welcomeMessageInterruptionsEnabled": false,
            "recordingEnabled": true,
            "recordingPath": "/recordings",
            "dynamicVariables": {
              "user_name": "John Doe"
            }
          },
          "assistantServer": {
            "url": "https://api.example.com/v1/getUserDetails",
            "timeoutSeconds": 20,
            "secret": "my-secret",
            "headers": {},
            "enabled": false,
            "messages": [
              "status-update",
              "conversation-update",
              "hang",
              "end-of-call-report"
            ]
          },
          "_id": "5f7b1b1b1b1b1b1b1b1b1b1b",
          "teamId": "1f7b1b1b1b1b1b1b1b1b1b1b",
          "createdAt": "2020-10-05T00:00:00.000Z",
          "updatedAt": "2020-10-05T00:00:00.000Z"
        }
        """#
}
